using CleanroomMonitor.Service.Observability;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications.Watchdog;

/// <summary>The rules the attributes cannot state: an absolute http(s) URL, a timeout shorter than the interval, header
/// names HTTP accepts, and header files that can be read. Every problem in one pass, each naming its setting.</summary>
internal sealed class HeartbeatOptionsValidator : IValidateOptions<HeartbeatOptions>
{
    private const string Section = HeartbeatOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, HeartbeatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        if (options.Url is { } url && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            result.AddError($"{Section}:Url = '{url}': expected an absolute http or https URL");
        }
        if (options.Timeout >= options.Interval)
        {
            result.AddError($"{Section}:Timeout = '{options.Timeout}': expected less than {Section}:Interval ({options.Interval})");
        }
        foreach (var header in options.Headers.Keys.Concat(options.HeaderFiles.Keys).Where(h => !IsToken(h)))
        {
            result.AddError($"{Section}:Headers:{header}: expected an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)");
        }
        foreach (var (header, path) in options.HeaderFiles)
        {
            if (SecretFiles.Problem(path) is { } problem)
            {
                result.AddError($"{Section}:HeaderFiles:{header} = '{path}': expected a readable file holding the header's value ({problem})");
            }
        }
        return result.Build();
    }

    /// <summary>RFC 9110 §5.6.2 token characters.</summary>
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
