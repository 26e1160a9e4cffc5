using System.Globalization;

namespace CleanroomMonitor.Core.Configuration;

/// <summary>Reads durations as people write them in configuration: "500ms", "30s", "5m", "2h", "1d", or a
/// .NET TimeSpan ("00:01:00").</summary>
public static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim();
        if (s.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out duration);
        }
        (string number, double unitSeconds) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.Ordinal) => (s[..^2], 0.001),
            _ when s.EndsWith('s') => (s[..^1], 1),
            _ when s.EndsWith('m') => (s[..^1], 60),
            _ when s.EndsWith('h') => (s[..^1], 3600),
            _ when s.EndsWith('d') => (s[..^1], 86400),
            _ => (string.Empty, 0),
        };
        if (unitSeconds == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        duration = TimeSpan.FromSeconds(value * unitSeconds);
        return true;
    }
}
