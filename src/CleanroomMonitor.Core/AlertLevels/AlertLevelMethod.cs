namespace CleanroomMonitor.Core.AlertLevels;

/// <summary>How a proposed alert level was computed (docs/excursions.md "Proposing alert levels from data").</summary>
public enum AlertLevelMethod
{
    /// <summary>Continuous parameters: the empirical percentile of the values (linear interpolation between order statistics).</summary>
    Percentile,

    /// <summary>Particle counts with variance above the mean: a negative binomial fitted by the method of moments.</summary>
    NegativeBinomial,

    /// <summary>Particle counts with variance at or below the mean: a Poisson distribution with the sample mean.</summary>
    Poisson,

    /// <summary>Particle counts that were all zero: no distribution can be fitted, so the smallest non-zero count is proposed.</summary>
    AllZero,
}
