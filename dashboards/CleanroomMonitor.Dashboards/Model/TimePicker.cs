using System.Text.Json.Serialization;

namespace CleanroomMonitor.Dashboards.Model;

/// <summary>The time picker's auto-refresh choices.</summary>
public sealed record TimePicker([property: JsonPropertyName("refresh_intervals")] IReadOnlyList<string> RefreshIntervals);
