using System.Globalization;
using CleanroomMonitor.Core.AlertLevels;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Live;

namespace CleanroomMonitor.Service.AlertLevels;

/// <summary>A proposal in words, numbers written as the live board and the limit texts write them (<see cref="LiveBoard.Format"/>):
/// "Proposed alert level 1 230 /m³ (negative binomial fit, n = 8 640, mean 41, variance 2 100; 0.9 % of samples at or above)
/// — action limit 3 520 /m³".</summary>
public static class AlertProposalText
{
    public static string Describe(AlertProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var unit = LiveBoard.Unit(proposal.Parameter);
        var parts = proposal.Levels.Select(level => Level(proposal, level, unit));
        return string.Join("; ", parts) + Action(proposal, unit);
    }

    public static string MethodName(AlertLevelMethod method) => method switch
    {
        AlertLevelMethod.NegativeBinomial => "negative-binomial",
        AlertLevelMethod.Poisson => "poisson",
        AlertLevelMethod.AllZero => "all-zero",
        _ => "percentile",
    };

    private static string Level(AlertProposal proposal, ProposedLevel level, string unit)
    {
        var word = proposal.Levels.Count > 1 ? (level.Side == BreachSide.High ? "high " : "low ") : "";
        if (level.Value is not { } value)
        {
            return $"No {word}alert level can be proposed ({level.Note})";
        }
        var how = proposal.Method switch
        {
            AlertLevelMethod.NegativeBinomial => $"negative binomial fit, n = {Count(proposal.SampleCount)}, mean {Figure(proposal.Fit!.Mean)}, variance {Figure(proposal.Fit.Variance)}",
            AlertLevelMethod.Poisson => $"Poisson fit (variance not above the mean), n = {Count(proposal.SampleCount)}, mean {Figure(proposal.Fit!.Mean)}",
            AlertLevelMethod.AllZero => $"all {Count(proposal.SampleCount)} samples counted 0",
            _ => $"{Ordinal(level.Percentile!.Value)} percentile, n = {Count(proposal.SampleCount)}",
        };
        var perSample = level.CountPerSample is { } k
            ? string.Create(CultureInfo.InvariantCulture, $" = {k} per {proposal.SampleLitres:0.##} L sample")
            : "";
        var share = string.Create(CultureInfo.InvariantCulture, $"{level.FractionBreaching * 100:0.0#} % of samples {(level.Side == BreachSide.High ? "at or above" : "at or below")}");
        return $"Proposed {word}alert level {LiveBoard.Format(proposal.Parameter, value)} {unit}{perSample} ({how}; {share})";
    }

    private static string Action(AlertProposal proposal, string unit) => proposal.CurrentAction switch
    {
        { Low: { } low, High: { } high } => $" — action range {LiveBoard.Format(proposal.Parameter, low)}–{LiveBoard.Format(proposal.Parameter, high)} {unit}",
        { High: { } high } => $" — action limit {LiveBoard.Format(proposal.Parameter, high)} {unit}",
        { Low: { } low } => $" — action minimum {LiveBoard.Format(proposal.Parameter, low)} {unit}",
        _ => " — no action limit in force",
    };

    /// <summary>Whole thousands with the board's narrow no-break space ("8 640").</summary>
    private static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '\u202F');

    /// <summary>A fitted moment: whole above 100, else two significant decimals.</summary>
    private static string Figure(double value) => Math.Abs(value) >= 100 ? Count((long)Math.Round(value)) : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Ordinal(double percentile)
    {
        var text = percentile.ToString("0.##", CultureInfo.InvariantCulture);
        var suffix = percentile % 1 != 0 ? "th" : (percentile % 100) switch
        {
            11 or 12 or 13 => "th",
            _ when percentile % 10 == 1 => "st",
            _ when percentile % 10 == 2 => "nd",
            _ when percentile % 10 == 3 => "rd",
            _ => "th",
        };
        return text + suffix;
    }
}
