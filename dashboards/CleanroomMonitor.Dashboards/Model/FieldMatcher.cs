namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Which fields an override applies to: <c>byName</c> (a series' display name) or <c>byRegexp</c>.</summary>
public sealed record FieldMatcher(string Id, string Options)
{
    public static FieldMatcher ByName(string name) => new("byName", name);
}
