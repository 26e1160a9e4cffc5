namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Field options for the fields <see cref="Matcher"/> selects, over the panel's defaults.</summary>
public sealed record FieldOverride(FieldMatcher Matcher, IReadOnlyList<FieldProperty> Properties);
