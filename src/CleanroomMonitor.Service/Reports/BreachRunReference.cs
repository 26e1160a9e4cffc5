using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Reports;

/// <summary>A breach run named in a review request, by the fields the report shows (<see cref="ReportBreachRun"/>): it must
/// be the very run the report finds now, so a run that late data changed is not covered by a review of its old shape.</summary>
public sealed record BreachRunReference(string Sensor, string Parameter, LimitLevel Level, DateTimeOffset First, DateTimeOffset Last, long Count);
