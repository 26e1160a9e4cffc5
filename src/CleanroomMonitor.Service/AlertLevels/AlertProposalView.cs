namespace CleanroomMonitor.Service.AlertLevels;

/// <summary>A proposed alert level as the API answers it (docs/excursions.md "Proposing alert levels from data"). Every
/// level and limit is in <paramref name="Unit"/>; particle levels also as counts per sample of <paramref name="SampleLitres"/> litres.</summary>
/// <param name="Sensors">The sensors whose samples were used.</param>
/// <param name="Method">percentile, negative-binomial, poisson or all-zero.</param>
/// <param name="N">The samples used: valid, in service, taken while the room was in <paramref name="State"/>.</param>
/// <param name="Tail">The share of samples allowed to reach the level.</param>
/// <param name="Mean">Particle counts: the sample mean of the counts per sample.</param>
/// <param name="Variance">Particle counts: the sample variance (divisor n − 1).</param>
/// <param name="R">Negative binomial: the size r.</param>
/// <param name="P">Negative binomial: the success probability p (mean = r(1 − p)/p).</param>
/// <param name="Summary">The proposal in one sentence, as the page writes it.</param>
public sealed record AlertProposalView(
    string Room,
    IReadOnlyList<string> Sensors,
    string Parameter,
    string Unit,
    string State,
    DateTimeOffset From,
    DateTimeOffset To,
    string Method,
    int N,
    double Tail,
    double? Mean,
    double? Variance,
    double? R,
    double? P,
    double? SampleLitres,
    IReadOnlyList<ProposedLevelView> Levels,
    BandView CurrentAlert,
    BandView CurrentAction,
    IReadOnlyList<string> Warnings,
    string Summary);

/// <param name="Side">high (a maximum) or low (a minimum).</param>
/// <param name="Value">The proposed level; null when none can lie inside the action band (<paramref name="Note"/>).</param>
/// <param name="Estimate">The statistic before rounding and clamping.</param>
/// <param name="FractionBreaching">The share of the period's samples that would have reached the level.</param>
public sealed record ProposedLevelView(string Side, double? Value, double Estimate, double? Percentile, long? CountPerSample,
    double? ModelTailProbability, double FractionBreaching, string? Note);

/// <summary>A limit band in force; null bounds are not set.</summary>
public sealed record BandView(double? Low, double? High);
