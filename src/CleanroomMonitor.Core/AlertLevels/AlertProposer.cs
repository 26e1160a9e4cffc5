using System.Globalization;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using MathNet.Numerics.Statistics;

namespace CleanroomMonitor.Core.AlertLevels;

/// <summary>Proposes an alert level from the samples of a period (Annex 1 9.9: alert levels come from qualification and
/// trend data). Continuous parameters take an empirical percentile; particle counts, mostly zero and over-dispersed, take
/// the upper quantile of a fitted negative binomial (Poisson when not over-dispersed). The level is rounded outward to
/// the display resolution and kept strictly inside the action band: an alert level at or beyond the action limit warns
/// of nothing. Method and reasons: docs/excursions.md "Proposing alert levels from data".</summary>
public static class AlertProposer
{
    /// <summary>Below this many samples the proposal carries a warning: the 99th percentile of fewer than 100 values rests
    /// on the one or two largest, and a count model's tail on a handful of non-zero samples.</summary>
    public const int MinimumSamples = 100;

    /// <summary>Particle counts per sample whose volumes differ from the median by more than this share are not one
    /// population of counts: the proposal warns.</summary>
    public const double VolumeTolerance = 0.05;

    /// <summary>The tail probabilities a request may ask for: from 1 in 10 000 to 20 %.</summary>
    public const double MinimumTail = 0.0001, MaximumTail = 0.2;

    /// <summary>The proposal for <paramref name="parameter"/> in <paramref name="state"/> from <paramref name="samples"/>:
    /// only samples taken inside one of <paramref name="periods"/> in that state are used (clean-up and non-monitored
    /// stretches belong to neither at rest nor in operation). <paramref name="limits"/> are those in force for the state
    /// now; they decide the side(s) of the level and the action limit it must stay inside.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tail"/> outside [<see cref="MinimumTail"/>, <see cref="MaximumTail"/>].</exception>
    public static AlertProposal Propose(Parameter parameter, RoomState state, LimitSet? limits, IReadOnlyList<RoomStatePeriod> periods,
        IReadOnlyList<AlertSample> samples, double tail)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(tail, MinimumTail);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tail, MaximumTail);
        var warnings = new List<string>();
        var inState = periods.Where(p => p.State == state).ToList();
        var used = samples.Where(s => inState.Any(p => s.At >= p.From && s.At < p.To)).ToList();
        if (periods.Any(p => p.State != state))
        {
            var hours = periods.GroupBy(p => p.State).OrderBy(g => g.Key)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Sum(p => (p.To - p.From).TotalHours):0.#} h {StateWords(g.Key)}"));
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"The period mixed room states ({string.Join(", ", hours)}): only the {used.Count} samples taken {StateWords(state)} were used."));
        }
        if (used.Count == 0)
        {
            throw new ArgumentException($"no samples taken {StateWords(state)} in the period", nameof(samples));
        }
        if (used.Count < MinimumSamples)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Only {used.Count} samples (fewer than {MinimumSamples}): the tail of the data rests on a few values; collect more before proposing a level."));
        }
        var info = parameter.Info();
        return info.IsParticleCount
            ? ForCounts(parameter, state, limits, used, tail, warnings)
            : ForValues(parameter, state, limits, used, tail, warnings);
    }

    private static AlertProposal ForValues(Parameter parameter, RoomState state, LimitSet? limits, List<AlertSample> samples, double tail, List<string> warnings)
    {
        var sorted = samples.Select(s => s.Value).Order().ToArray();
        var levels = new List<ProposedLevel>();
        foreach (var side in Sides(limits, warnings))
        {
            var quantile = side == BreachSide.High ? 1 - tail : tail;
            // R7 (Hyndman & Fan type 7): h = (n − 1)q, linear interpolation between the order statistics around h.
            var estimate = SortedArrayStatistics.QuantileCustom(sorted, quantile, QuantileDefinition.R7);
            var rounded = AlertRounding.Outward(side, estimate, AlertRounding.Resolution(parameter));
            var (value, note) = AlertRounding.InsideAction(parameter, side, rounded, limits?.Action ?? Band.None);
            levels.Add(new ProposedLevel(side, value, estimate, Math.Round(quantile * 100, 4), null, null, Fraction(sorted, side, value), note));
        }
        return new AlertProposal(parameter, parameter.Info().Unit, state, AlertLevelMethod.Percentile, samples.Count, tail, null, null, levels,
            limits?.Alert ?? Band.None, limits?.Action ?? Band.None, warnings);
    }

    private static AlertProposal ForCounts(Parameter parameter, RoomState state, LimitSet? limits, List<AlertSample> samples, double tail, List<string> warnings)
    {
        var counted = samples.Where(s => s.Count is not null && s.VolumeLitres is > 0).ToList();
        if (counted.Count < samples.Count)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{samples.Count - counted.Count} samples carried no raw count and sampled volume and were left out."));
        }
        if (counted.Count == 0)
        {
            throw new ArgumentException("no particle samples with a raw count and sampled volume", nameof(samples));
        }
        var litres = counted.Select(s => s.VolumeLitres!.Value).Order().ToArray() is var volumes ? SortedArrayStatistics.Median(volumes) : 0;
        var odd = counted.Count(s => Math.Abs(s.VolumeLitres!.Value - litres) > litres * VolumeTolerance);
        if (odd > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{odd} samples sampled a volume more than {VolumeTolerance:P0} away from the median {litres:0.##} L: their counts are not comparable; the level assumes {litres:0.##} L per sample."));
        }
        var counts = counted.Select(s => s.Count!.Value).ToList();
        var fit = CountFit.Of(counts);
        var k = fit.SmallestCountWithTailAtMost(tail);
        var estimate = Concentration(k, litres);
        string? note = null;
        if (fit.Method == AlertLevelMethod.AllZero)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"All {counts.Count} samples counted 0: no distribution can be fitted; proposed the smallest non-zero count the counter can report, 1 particle in {litres:0.##} L."));
        }
        var action = limits?.Action ?? Band.None;
        if (action.High is { } actionHigh && estimate >= actionHigh)
        {
            // The largest count whose concentration stays below the action limit.
            var inner = (long)Math.Ceiling(Math.Round(actionHigh * litres / 1000, 9)) - 1;
            if (inner < 1)
            {
                var single = LiveNumber(Concentration(1, litres));
                return CountProposal(new ProposedLevel(BreachSide.High, null, estimate, null, k, fit.UpperTail(k), 0,
                    $"One particle in {litres:0.##} L is already {single} /m³, at or above the action limit {LiveNumber(actionHigh)} /m³: no count level lies inside the action band. The particle rules (consecutive counts, N of M) give the early warning instead."));
            }
            note = $"The fitted level of {k} per sample ({LiveNumber(estimate)} /m³) is at or above the action limit {LiveNumber(actionHigh)} /m³; proposed {inner} per sample, the largest count below it.";
            k = inner;
        }
        return CountProposal(new ProposedLevel(BreachSide.High, CountLevel(k, litres), estimate, null, k, fit.UpperTail(k),
            counts.Count(c => c >= k) / (double)counts.Count, note));

        AlertProposal CountProposal(ProposedLevel level) => new(parameter, parameter.Info().Unit, state, fit.Method, counts.Count, tail, fit, litres, [level],
            limits?.Alert ?? Band.None, action, warnings);
    }

    /// <summary>A level of <paramref name="k"/> counts per sample in /m³, rounded down to a whole particle per m³ (the display
    /// resolution): a sample of k counts still reaches it, one of k − 1 still does not (their concentrations lie 1000/L
    /// apart, more than 1 /m³ for any sample under 1 m³).</summary>
    internal static double CountLevel(long k, double litres)
    {
        var exact = Concentration(k, litres);
        var whole = Math.Floor(Math.Round(exact, 9));
        return whole > Concentration(k - 1, litres) ? whole : exact;
    }

    private static double Concentration(long count, double litres) => count * 1000.0 / litres;

    private static string LiveNumber(double value) => value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '\u202F');

    /// <summary>The side(s) the alert level goes on, from the limits in force: a maximum-type limit gets a high alert, a
    /// minimum-type one (differential pressure) a low alert, a range both. (Particle counts are always high.)</summary>
    private static List<BreachSide> Sides(LimitSet? limits, List<string> warnings)
    {
        var band = limits?.Action is { IsSet: true } action ? action : limits?.Alert ?? Band.None;
        if (!band.IsSet)
        {
            warnings.Add("No alert or action limit is in force for this parameter and state: a level is proposed on both sides.");
            return [BreachSide.High, BreachSide.Low];
        }
        var sides = new List<BreachSide>(2);
        if (band.High is not null)
        {
            sides.Add(BreachSide.High);
        }
        if (band.Low is not null)
        {
            sides.Add(BreachSide.Low);
        }
        return sides;
    }

    private static double Fraction(double[] sorted, BreachSide side, double? level) => level is not { } l ? 0
        : sorted.Count(v => side == BreachSide.High ? v >= l : v <= l) / (double)sorted.Length;

    private static string StateWords(RoomState state) => state switch
    {
        RoomState.InOperation => "in operation",
        RoomState.CleanUp => "in clean-up",
        RoomState.NotMonitored => "not monitored",
        _ => "at rest",
    };
}
