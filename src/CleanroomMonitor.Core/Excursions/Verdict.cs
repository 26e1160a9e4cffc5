using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>What one reading changes for its sensor parameter: an excursion starts, escalates, returns to normal, or
/// nothing. <see cref="Since"/> is the start for a new excursion (the first breaching sample, before the delay ran out).</summary>
/// <param name="Side">The bound breached; particle rules (consecutive counts, N of M, cumulative volume) breach the high side.</param>
public sealed record Verdict(VerdictKind Kind, LimitLevel Level, string Rule, double Value, double? Limit, DateTimeOffset Since, BreachSide Side = BreachSide.High)
{
    /// <summary>For a start: the worst value since <see cref="Since"/> on its side, which may be a sample during the delay.</summary>
    public TimedValue? Peak { get; init; }

    public static Verdict None { get; } = new(VerdictKind.None, LimitLevel.Normal, string.Empty, 0, null, default);
}
