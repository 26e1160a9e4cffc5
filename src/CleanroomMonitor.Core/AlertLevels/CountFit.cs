namespace CleanroomMonitor.Core.AlertLevels;

/// <summary>The distribution fitted to particle counts per sample. <see cref="Mean"/> and <see cref="Variance"/> are the
/// sample mean and the sample variance (divisor n − 1). For a negative binomial, <see cref="R"/> and <see cref="P"/> are
/// its size and success probability in the form P(X = k) = Γ(k + r) / (k! Γ(r)) · pʳ (1 − p)ᵏ, whose mean is r(1 − p)/p
/// and variance r(1 − p)/p²; by the method of moments p = mean / variance and r = mean² / (variance − mean). Both are null
/// for the Poisson and all-zero cases.</summary>
public sealed record CountFit(AlertLevelMethod Method, double Mean, double Variance, double? R, double? P)
{
    /// <summary>Fits <paramref name="counts"/>: all zero → <see cref="AlertLevelMethod.AllZero"/>; variance ≤ mean (not
    /// over-dispersed, where the negative binomial has no solution) → Poisson; otherwise negative binomial.</summary>
    public static CountFit Of(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            throw new ArgumentException("no counts to fit", nameof(counts));
        }
        var mean = counts.Average(c => (double)c);
        var variance = counts.Count < 2 ? 0 : counts.Sum(c => (c - mean) * (c - mean)) / (counts.Count - 1);
        if (mean == 0)
        {
            return new CountFit(AlertLevelMethod.AllZero, 0, 0, null, null);
        }
        if (variance <= mean)
        {
            return new CountFit(AlertLevelMethod.Poisson, mean, variance, null, null);
        }
        return new CountFit(AlertLevelMethod.NegativeBinomial, mean, variance, mean * mean / (variance - mean), mean / variance);
    }

    /// <summary>P(X ≥ <paramref name="k"/>) under the fitted distribution: the chance that one sample reaches a level of
    /// <paramref name="k"/> counts (a limit is breached by a value equal to it).</summary>
    public double UpperTail(long k)
    {
        if (k <= 0)
        {
            return 1;
        }
        var cdf = Method switch
        {
            AlertLevelMethod.NegativeBinomial => MathNet.Numerics.Distributions.NegativeBinomial.CDF(R!.Value, P!.Value, k - 1),
            AlertLevelMethod.Poisson => MathNet.Numerics.Distributions.Poisson.CDF(Mean, k - 1),
            _ => 1,
        };
        return Math.Max(0, 1 - cdf);
    }

    /// <summary>The smallest count k ≥ 1 with P(X ≥ k) ≤ <paramref name="tail"/>. The tail falls as k grows, so an
    /// expanding bracket and a bisection find it in a few dozen evaluations even for the 100 000 counts per sample of a
    /// grade D ≥0.5 µm channel.</summary>
    public long SmallestCountWithTailAtMost(double tail)
    {
        if (UpperTail(1) <= tail)
        {
            return 1;
        }
        long low = 1, high = 2;   // invariant: UpperTail(low) > tail
        while (UpperTail(high) > tail)
        {
            (low, high) = (high, high * 2);
        }
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (UpperTail(middle) > tail)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return high;
    }
}
