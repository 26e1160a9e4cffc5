namespace CleanroomMonitor.Dashboards.Model;

/// <summary>One overridden field option: <c>color</c>, <c>custom.lineStyle</c>, <c>thresholds</c>, <c>unit</c>…
/// <see cref="Value"/> is serialised by its runtime type.</summary>
public sealed record FieldProperty(string Id, object Value);
