namespace CleanroomMonitor.Service.Reports;

/// <summary>One hour of one sensor parameter as rolled up (<see cref="HourlyRollups"/>): samples, min, max, sum, and the
/// samples at or beyond each limit value that was counted (<see cref="RollupFields"/>).</summary>
/// <param name="Beyond">Keyed by field name (<c>ge:23</c>, <c>le:18</c>); only the values listed when the row was computed.</param>
public sealed record RollupRow(long Count, double? Min, double? Max, double Sum, IReadOnlyDictionary<string, long> Beyond);
