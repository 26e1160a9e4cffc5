using System.Text.Json.Serialization;

namespace CleanroomMonitor.Dashboards.Model;

/// <summary>One step of a threshold ladder: values from <see cref="Value"/> up to the next step take
/// <see cref="Color"/>. The first step's value is null (minus infinity), as Grafana writes it.</summary>
public sealed record ThresholdStep(string Color, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Value);
