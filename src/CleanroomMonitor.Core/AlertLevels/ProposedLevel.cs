using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.AlertLevels;

/// <summary>One side of a proposed alert level.</summary>
/// <param name="Side">High: a maximum (a value at or above it breaches); Low: a minimum (at or below breaches).</param>
/// <param name="Value">The proposed level in the parameter's unit, rounded outward to the display resolution and kept
/// inside the action band; null when no level can lie inside the action band (<paramref name="Note"/> says why).</param>
/// <param name="Estimate">The statistic before rounding and clamping: the percentile, or the concentration of the fitted
/// count quantile.</param>
/// <param name="Percentile">For the percentile method: the percentile used (99 for a high alert with a 1 % tail, 1 for a low one).</param>
/// <param name="CountPerSample">For particle counts: the proposed level as a count per sample; a sample of this many
/// particles or more reaches it, one of fewer does not.</param>
/// <param name="ModelTailProbability">For particle counts: P(X ≥ <paramref name="CountPerSample"/>) under the fitted distribution.</param>
/// <param name="FractionBreaching">The fraction of the period's samples that would have reached the proposed level
/// (at or above a high level, at or below a low one), as the engine judges.</param>
/// <param name="Note">Why the value differs from the statistic (clamped to the action limit's inner neighbour, or none possible).</param>
public sealed record ProposedLevel(
    BreachSide Side,
    double? Value,
    double Estimate,
    double? Percentile,
    long? CountPerSample,
    double? ModelTailProbability,
    double FractionBreaching,
    string? Note);
