using System.Globalization;
using CleanroomMonitor.Core.Configuration;

namespace CleanroomMonitor.Simulators.Scenarios.Format;

/// <summary>Checks the fields of one JSON object of a file as deserialized, recording a problem under the field's
/// path instead of throwing, so one pass finds them all.</summary>
internal sealed class FieldProblems(ConfigProblems problems, string path)
{
    public string Path => path;

    public void Error(string key, string? value, string expected) => problems.Add($"{path}.{key}", value, expected);

    public void Required(string key, object? value)
    {
        if (value is null)
        {
            Error(key, null, "a value (required)");
        }
    }

    /// <summary>A field the object's type needs, reported once even when its value was already found wrong.</summary>
    public void Need(string key, object? value)
    {
        if (value is null && !problems.Has($"{path}.{key}"))
        {
            Error(key, null, "a value for this event type");
        }
    }

    /// <summary>The text, or null when absent; an empty string is a problem (it names nothing).</summary>
    public string? Text(string key, string? value, bool required = false)
    {
        if (value is { Length: 0 })
        {
            Error(key, value, "a non-empty string");
            return null;
        }
        if (required)
        {
            Required(key, value);
        }
        return value;
    }

    public int? NotNegative(string key, long? value)
    {
        if (value is < 0 or > int.MaxValue)
        {
            Error(key, Format(value.Value), "a whole number, 0 or more");
            return null;
        }
        return (int?)value;
    }

    public TimeSpan? Duration(string key, string? text, bool required = false)
    {
        if (required)
        {
            Required(key, text);
        }
        if (text is null)
        {
            return null;
        }
        if (DurationParser.TryParse(text, out var duration) && duration >= TimeSpan.Zero)
        {
            return duration;
        }
        Error(key, text, "a duration such as 90s, 5m, 1h or hh:mm:ss");
        return null;
    }

    /// <summary>A duration that may be negative ("-10m"): a clock running slow.</summary>
    public TimeSpan? SignedDuration(string key, string? text)
    {
        if (text is null)
        {
            return null;
        }
        var negative = text.StartsWith('-');
        if (DurationParser.TryParse(negative ? text[1..] : text, out var duration))
        {
            return negative ? -duration : duration;
        }
        Error(key, text, "a duration such as 30m or -10m");
        return null;
    }

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A list as JSON shows it, for quoting it back: [1,-2].</summary>
    public static string? Format<T>(IReadOnlyList<T>? values) =>
        values is null ? null : "[" + string.Join(",", values.Select(v => string.Format(CultureInfo.InvariantCulture, "{0}", v))) + "]";
}
