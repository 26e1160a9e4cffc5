using System.Globalization;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Times in the record columns: UTC, ISO-8601, always seven fractional digits and a <c>Z</c>, so that
/// text order is time order (indexes and range filters compare strings) and the audit hash sees one fixed text.</summary>
internal static class RecordTime
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
