using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CleanroomMonitor.Service.Observability;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>The rules of one gateway's <see cref="GatewayOptions"/> (the options name is the gateway's name) that the
/// annotations cannot say: known placeholders, a URL that stays absolute once filled, sendable headers, readable secret
/// files. All reported in one pass, each naming its configuration path.</summary>
internal sealed partial class GatewaySettingsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = $"{GatewayOptions.SectionName}:{name}";
        var result = new ValidateOptionsResultBuilder();
        void Error(string setting, string? value, string expected) => result.AddError($"{section}:{setting} = '{value}': expected {expected}");

        if (name is null || !GatewayName().IsMatch(name) || name.Equals("email", StringComparison.OrdinalIgnoreCase))
        {
            result.AddError($"{section}: the gateway name '{name}' is not usable: expected letters, digits, '-' or '_', and not 'email' (the mail channel's name)");
        }
        CheckPlaceholders(result, $"{section}:{nameof(GatewayOptions.Url)}", options.Url);
        CheckPlaceholders(result, $"{section}:{nameof(GatewayOptions.Body)}", options.Body);
        if (options.Url is { Length: > 0 } url)
        {
            var filled = GatewayTemplate.Render(url, _ => "x", Uri.EscapeDataString);
            if (!Uri.TryCreate(filled, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                Error(nameof(GatewayOptions.Url), url, "an absolute http:// or https:// URL");
            }
        }
        if (!MediaTypeHeaderValue.TryParse(options.ContentType, out _))
        {
            Error(nameof(GatewayOptions.ContentType), options.ContentType, "a media type such as application/json or application/x-www-form-urlencoded");
        }
        using var probe = new HttpRequestMessage();
        foreach (var header in options.Headers.Keys.Concat(options.HeaderFiles.Keys))
        {
            if (!probe.Headers.TryAddWithoutValidation(header, "x"))
            {
                result.AddError($"{section}: header '{header}' cannot be set: expected a request header name (the body's type comes from ContentType)");
            }
        }
        foreach (var (header, value) in options.Headers)
        {
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                result.AddError($"{section}:{nameof(GatewayOptions.Headers)}:{header}: expected a value on one line");
            }
            if (options.HeaderFiles.ContainsKey(header))
            {
                result.AddError($"{section}:{nameof(GatewayOptions.Headers)}:{header}: expected in Headers or HeaderFiles, not both");
            }
        }
        foreach (var (header, file) in options.HeaderFiles)
        {
            if ((string.IsNullOrEmpty(file) ? "no path given" : SecretFiles.Problem(file)) is { } problem)
            {
                Error($"{nameof(GatewayOptions.HeaderFiles)}:{header}", file, $"a readable file holding the header's value ({problem})");
            }
        }
        return result.Build();
    }

    private static void CheckPlaceholders(ValidateOptionsResultBuilder result, string path, string? template)
    {
        foreach (var unknown in GatewayTemplate.UnknownPlaceholders(template))
        {
            result.AddError($"{path}: unknown placeholder {{{unknown}}}: expected one of "
                + string.Join(", ", GatewayTemplate.MessageNames.Concat(GatewayTemplate.FieldNames).Select(n => $"{{{n}}}")));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex GatewayName();
}
