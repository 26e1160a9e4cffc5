using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>The cross-field rules of <see cref="InfluxOptions"/>, all reported in one pass.</summary>
internal sealed class InfluxOptionsRules : IValidateOptions<InfluxOptions>
{
    public ValidateOptionsResult Validate(string? name, InfluxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        if (options.Url is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            result.AddError(Error("Url", url.OriginalString, "an absolute http:// or https:// address"));
        }
        if (options.ApiVersion == InfluxApiVersion.V2)
        {
            Require(result, "Org", options.Org);
            Require(result, "Bucket", options.Bucket);
            Require(result, "Token", options.Token);
        }
        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrEmpty(options.Username))
        {
            result.AddError(Error("Username", options.Username, "a user name, because Influx:Password is set"));
        }
        return result.Build();
    }

    private static void Require(ValidateOptionsResultBuilder result, string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            result.AddError(Error(property, value, "a value when Influx:ApiVersion is V2"));
        }
    }

    private static string Error(string property, string? value, string expected) =>
        $"{InfluxOptions.SectionName}:{property} = '{value}': expected {expected}";
}
