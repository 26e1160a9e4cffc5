namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A panel's field configuration: defaults and per-field overrides.</summary>
public sealed record FieldConfig(FieldDefaults Defaults, IReadOnlyList<FieldOverride> Overrides);
