using System.Globalization;
using System.Text.RegularExpressions;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>A failed attempt in words for the delivery record: one line, the causes of an exception from the outside in,
/// never longer than a reader takes in.</summary>
internal static partial class FailureAnswer
{
    private const int MaxLength = 500;

    public static string TimedOut(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.###} s");

    /// <summary>The messages of <paramref name="exception"/> and its inner exceptions, each once, joined by ": ".</summary>
    public static string Of(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var message = OneLine(current.Message);
            if (message.Length > 0 && !messages.Exists(m => m.Contains(message, StringComparison.Ordinal)))
            {
                messages.Add(message);
            }
        }
        return Shorten(string.Join(": ", messages));
    }

    public static string Shorten(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");

    /// <summary>Line breaks and runs of spaces become one space (MailKit's TLS message spans a paragraph).</summary>
    public static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
