namespace CleanroomMonitor.Storage.Influx;

/// <summary>Building InfluxQL text from values that come from outside (sensor ids, room ids from a request).</summary>
public static class InfluxQl
{
    /// <summary>A string literal's content: InfluxQL escapes the quote and the backslash inside single quotes.</summary>
    public static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}
