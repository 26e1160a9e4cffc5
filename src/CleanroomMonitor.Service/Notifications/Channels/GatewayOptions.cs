using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>One SMS or voice gateway reached over HTTP (section <c>Notifications:Gateways:&lt;name&gt;</c>; the name,
/// such as <c>sms</c> or <c>voice</c>, is the channel's name in routes). A site describes its provider's API here, with
/// placeholders (<c>{to}</c>, <c>{text}</c>, <c>{room}</c>, ...) in <see cref="Url"/> and <see cref="Body"/>; docs/notifications.md
/// lists them.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Notifications:Gateways";

    /// <summary>The HTTP method.</summary>
    /// <value>Default: <c>POST</c>.</value>
    [Required, RegularExpression("^[A-Za-z]+$")]
    public string Method { get; set; } = "POST";

    /// <summary>The absolute http or https URL; placeholders in it are URI-escaped.</summary>
    /// <value>Default: none; required.</value>
    [Required]
    public string? Url { get; set; }

    /// <summary>Request headers by name, sent as written (no placeholders).</summary>
    /// <value>Default: none.</value>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>Request headers whose value is a secret in a file (an API key, <c>Bearer ...</c>), by header name → file
    /// path; each file is read once at start and trimmed.</summary>
    /// <value>Default: none.</value>
    public Dictionary<string, string> HeaderFiles { get; set; } = [];

    /// <summary>The body's media type; it decides how placeholder values in <see cref="Body"/> are escaped: JSON string
    /// escaping for <c>application/json</c> (and <c>+json</c>), form encoding for
    /// <c>application/x-www-form-urlencoded</c>, none otherwise.</summary>
    /// <value>Default: <c>application/json</c>.</value>
    [Required]
    public string ContentType { get; set; } = "application/json";

    /// <summary>The body template; no body when unset.</summary>
    /// <value>Default: none.</value>
    public string? Body { get; set; }

    /// <summary>The bound on one attempt: connect, request and the first part of the answer.</summary>
    /// <value>Default: 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The values of <see cref="HeaderFiles"/>, read at start; never bound from configuration.</summary>
    internal Dictionary<string, string> SecretHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);
}
