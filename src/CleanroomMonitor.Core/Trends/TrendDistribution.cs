namespace CleanroomMonitor.Core.Trends;

/// <summary>The distribution of one sensor parameter over the period against the limits in force: nearest-rank
/// percentiles (<see cref="TrendRules.Percentile"/>) of the valid samples (not faulted, not taken while out of service),
/// and how many of them reached the alert level (but not action) and the action level, each judged against the limits
/// of the room state at its own time.</summary>
public sealed record TrendDistribution(string Sensor, string Parameter, long Count, double? P50, double? P95, double? P99, double? Max, long AboveAlert,
    long AboveAction, IReadOnlyList<TrendLimit> Limits, IReadOnlyList<TrendDay> Days);
