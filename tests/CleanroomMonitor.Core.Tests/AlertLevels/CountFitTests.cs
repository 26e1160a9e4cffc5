using CleanroomMonitor.Core.AlertLevels;

namespace CleanroomMonitor.Core.Tests.AlertLevels;

public sealed class CountFitTests
{
    [Fact]
    public void Of_OverDispersedCounts_FitsNegativeBinomialByMoments()
    {
        // 0,0,0,0,1,3,3: mean 7/7 = 1; squared deviations 4·1 + 0 + 4 + 4 = 12, variance 12/6 = 2.
        // p = mean/variance = 0.5, r = mean²/(variance − mean) = 1/1 = 1 (a geometric distribution).
        var fit = CountFit.Of([0, 0, 0, 0, 1, 3, 3]);

        Assert.Equal(AlertLevelMethod.NegativeBinomial, fit.Method);
        Assert.Equal(1, fit.Mean, 12);
        Assert.Equal(2, fit.Variance, 12);
        Assert.Equal(1, fit.R!.Value, 12);
        Assert.Equal(0.5, fit.P!.Value, 12);
    }

    [Fact]
    public void SmallestCountWithTailAtMost_GeometricFit_IsSeven()
    {
        // r = 1, p = 0.5: P(X ≥ k) = 0.5^k; 0.5^6 = 0.015625 > 0.01, 0.5^7 = 0.0078125 ≤ 0.01.
        var fit = CountFit.Of([0, 0, 0, 0, 1, 3, 3]);

        Assert.Equal(0.015625, fit.UpperTail(6), 1e-12);
        Assert.Equal(0.0078125, fit.UpperTail(7), 1e-12);
        Assert.Equal(7, fit.SmallestCountWithTailAtMost(0.01));
    }

    [Fact]
    public void SmallestCountWithTailAtMost_RTwo_MatchesThePmfRecurrenceByHand()
    {
        // r = 2, p = 0.5 (mean 2, variance 4). By P(0) = p^r, P(k+1) = P(k)·(k + r)/(k + 1)·(1 − p):
        // P0..P9 = .25, .25, .1875, .125, .078125, .046875, .02734375, .015625, .0087890625, .0048828125.
        // P(X ≥ 9) = 1 − ΣP0..P8 = .0107421875 > .01; P(X ≥ 10) = .005859375 ≤ .01 → 10.
        var fit = new CountFit(AlertLevelMethod.NegativeBinomial, 2, 4, 2, 0.5);

        Assert.Equal(0.0107421875, fit.UpperTail(9), 1e-12);
        Assert.Equal(0.005859375, fit.UpperTail(10), 1e-12);
        Assert.Equal(10, fit.SmallestCountWithTailAtMost(0.01));
    }

    [Fact]
    public void UpperTail_NonIntegerR_AgreesWithThePmfRecurrence()
    {
        // 0,0,0,0,0,0,1,2,3,4: mean 1, variance 20/9; p = 0.45, r = 1/(20/9 − 1) = 9/11.
        var fit = CountFit.Of([0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
        Assert.Equal(0.45, fit.P!.Value, 12);
        Assert.Equal(9.0 / 11, fit.R!.Value, 12);

        var (r, p) = (9.0 / 11, 0.45);
        var pmf = Math.Pow(p, r);
        var cdf = 0.0;
        for (var k = 0; k < 15; k++)
        {
            cdf += pmf;
            Assert.Equal(1 - cdf, fit.UpperTail(k + 1), 1e-12);
            pmf *= (k + r) / (k + 1) * (1 - p);
        }
    }

    [Fact]
    public void Of_VarianceNotAboveMean_FallsBackToPoisson()
    {
        // 1,1,1,2,0: mean 1, variance (0+0+0+1+1)/4 = 0.5 ≤ 1. Poisson(1): P(X ≥ 4) = 1 − e⁻¹(1 + 1 + 1/2 + 1/6)
        // = 0.018988 > 0.01; P(X ≥ 5) = 1 − e⁻¹(… + 1/24) = 0.003660 ≤ 0.01 → 5.
        var fit = CountFit.Of([1, 1, 1, 2, 0]);

        Assert.Equal(AlertLevelMethod.Poisson, fit.Method);
        Assert.Null(fit.R);
        Assert.Equal(0.018988, fit.UpperTail(4), 6);
        Assert.Equal(0.003660, fit.UpperTail(5), 6);
        Assert.Equal(5, fit.SmallestCountWithTailAtMost(0.01));
    }

    [Fact]
    public void Of_AllZero_IsAllZeroAndProposesOneCount()
    {
        var fit = CountFit.Of(Enumerable.Repeat(0L, 50).ToList());

        Assert.Equal(AlertLevelMethod.AllZero, fit.Method);
        Assert.Equal(1, fit.SmallestCountWithTailAtMost(0.01));
    }

    [Fact]
    public void SmallestCountWithTailAtMost_LargeCounts_FindsTheQuantileByBisection()
    {
        // Grade D ≥0.5 µm: about 100 000 counts per sample. The result is the first k whose tail is at most 1 %.
        var fit = new CountFit(AlertLevelMethod.NegativeBinomial, 100_000, 2e8, 100_000.0 * 100_000 / (2e8 - 100_000), 100_000 / 2e8);

        var k = fit.SmallestCountWithTailAtMost(0.01);

        Assert.True(fit.UpperTail(k) <= 0.01);
        Assert.True(fit.UpperTail(k - 1) > 0.01);
    }
}
