using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>Fills a gateway's <c>{placeholder}</c>s, escaping each value for where it lands, so a text with quotes,
/// line breaks or an ampersand can neither break the request nor add fields to it. A brace not around a name (the braces
/// of a JSON object) is text.</summary>
internal static partial class GatewayTemplate
{
    /// <summary>The placeholders of the message itself; <see cref="FieldNames"/> come from its fields.</summary>
    public static readonly IReadOnlyList<string> MessageNames = ["to", "subject", "text", "link", "excursionId"];

    /// <summary>The excursion's fields the dispatcher fills (<see cref="Core.Notifications.NotificationMessage.Fields"/>).</summary>
    public static IReadOnlyList<string> FieldNames => Core.Notifications.NotificationText.FieldNames;

    private static readonly HashSet<string> Known = [.. MessageNames, .. Core.Notifications.NotificationText.FieldNames];

    /// <summary>The placeholders of <paramref name="template"/> that are neither message values nor fields.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string? template) =>
        template is null ? [] : [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(n => !Known.Contains(n)).Distinct()];

    /// <summary>Replaces each placeholder by <paramref name="valueOf"/> its name, escaped by <paramref name="escape"/>.</summary>
    public static string Render(string template, Func<string, string> valueOf, Func<string, string> escape) =>
        Placeholder().Replace(template, m => escape(valueOf(m.Groups[1].Value)));

    /// <summary>How values are escaped in a body of <paramref name="contentType"/>.</summary>
    public static Func<string, string> BodyEscaping(string contentType)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType ?? string.Empty : string.Empty;
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            // The template author writes the quotes ("to":"{to}"); the value becomes the inside of a JSON string.
            // Relaxed: non-ASCII letters stay as they are (a gateway may count SMS characters on the raw body).
            return value => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
        }
        if (mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.EscapeDataString;   // %20 for a space: every form decoder reads it, and '+' stays unambiguous
        }
        return value => value;
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
