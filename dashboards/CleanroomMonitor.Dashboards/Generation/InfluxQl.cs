using System.Globalization;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>Pieces of the InfluxQL the panels run over the documented schema (docs/influxdb-schema.md). Grafana
/// replaces the macros before sending a query: <c>$timeFilter</c> (the time range), <c>$__interval</c> (the
/// bucket width for the panel's pixel width) and the template variables, which are always matched as
/// <c>=~ /^$name$/</c> so a multi-value selection (a regex alternation) works too.</summary>
public static class InfluxQl
{
    public const string TimeFilter = "$timeFilter";

    public const string Interval = "$__interval";

    public const string ReadingMeasurement = "reading";

    public const string ExcursionMeasurement = "excursion";

    /// <summary>How far back the overview looks for excursions still open: an open excursion older than this is
    /// not listed (the service's <c>/api/excursions</c> is the complete record).</summary>
    public const string OpenExcursionLookBack = "90d";

    public static string Matches(string tag, string variable) => $"\"{tag}\" =~ /^${variable}$/";

    /// <summary><c>"sensor" =~ /^(a|b)$/</c>: ids are [a-z0-9_-], which need no regex escaping.</summary>
    public static string OneOf(string tag, IEnumerable<string> ids) => $"\"{tag}\" =~ /^({string.Join("|", ids)})$/";

    public static string Is(string tag, string value) => $"\"{tag}\" = '{value}'";

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
