using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>The room and period a trend report request names, or the HTTP status and message of its refusal.</summary>
public sealed record TrendTarget(Room? Room, TrendPeriod? Period, int? Status, string? Error);
