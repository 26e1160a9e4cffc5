using System.Globalization;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Live;

namespace CleanroomMonitor.Service.Pages.Excursions;

/// <summary>What the excursion pages say about a record in words: values rounded per parameter with their unit (the
/// live board's formatting, so a number reads the same on the board, the trend and the excursion), the rule that
/// fired as a sentence, and the limits in force as their allowed ranges.</summary>
public static partial class ExcursionWording
{
    [GeneratedRegex(@"^(?<k>\d+) consecutive ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Consecutive();

    [GeneratedRegex(@"^(?<n>\d+) of the last (?<m>\d+) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NOfM();

    [GeneratedRegex(@"^cumulative .* over the last (?<litres>[\d.]+) L is (?<value>[\d.E+-]+)/m³", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Cumulative();

    /// <summary>A value with its unit, rounded as the board rounds the parameter: "266 890 /m³", "12.4 Pa"; "—" when none.</summary>
    public static string Value(Parameter? parameter, double? value) => (parameter, value) switch
    {
        (_, null) => "—",
        ({ } p, { } v) when double.IsFinite(v) => $"{LiveBoard.Format(p, v)} {Unit(p)}",
        (_, { } v) => v.ToString("#,0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>The unit as people write it: "/m³", "Pa", "°C", "% RH".</summary>
    public static string Unit(Parameter parameter) => LiveBoard.Unit(parameter) switch
    {
        "%RH" => "% RH",
        var unit => unit,
    };

    /// <summary>What was measured, as the subject of a sentence: "≥0.5 µm particles", "differential pressure".</summary>
    public static string Subject(Parameter parameter) => parameter switch
    {
        _ when parameter.Info().IsParticleCount => LiveBoard.Label(parameter) + " particles",
        Parameter.Co2 => "CO₂",
        Parameter.O2 => "O₂",
        _ => LiveBoard.Label(parameter),
    };

    public static string Kind(ExcursionKind kind) => kind switch
    {
        ExcursionKind.DifferentialPressure => "Differential pressure",
        ExcursionKind.PressureReversal => "Pressure reversal",
        ExcursionKind.DataGap => "Data gap",
        ExcursionKind.CommunicationLoss => "Communication loss",
        ExcursionKind.SensorFault => "Sensor fault",
        ExcursionKind.CleanUpNotRecovered => "Clean-up not recovered",
        ExcursionKind.DataConflict => "Data conflict",
        ExcursionKind.Calibration => "Calibration",
        ExcursionKind.System => "Monitoring system",
        _ => kind.ToString(),
    };

    public static string Level(LimitLevel level) => level switch
    {
        LimitLevel.Action => "Action",
        LimitLevel.Alert => "Alert",
        _ => "Normal",
    };

    /// <summary>The rule that fired, as a sentence: "Raised when ≥0.5 µm particles reached or exceeded the action limit
    /// of 3 520 /m³ on 1 sample (no delay)." Read from the record's rule text (written by the rule state machine,
    /// <see cref="LimitEvaluator"/>), its limit and the limits in force then; a rule text it does not know is shown as
    /// recorded rather than guessed at.</summary>
    public static string Rule(Excursion excursion, RecordedLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        var rule = excursion.Rule;
        if (excursion.Parameter is not { } p)
        {
            return Sentence(rule);
        }
        var level = excursion.Level == LimitLevel.Action ? "action" : "alert";
        if ((rule.StartsWith("value ≥ ", StringComparison.Ordinal) || rule.StartsWith("value ≤ ", StringComparison.Ordinal)) && excursion.Limit is { } limit)
        {
            var high = rule[6] == '≥';
            var samples = Math.Max(1, limits?.DelaySamples ?? 1);
            var lasted = limits is not null && (samples > 1 || limits.Delay > TimeSpan.Zero);
            var verb = (high, lasted) switch
            {
                (true, false) => "reached or exceeded",
                (true, true) => "stayed at or above",
                (false, false) => "fell to or below",
                (false, true) => "stayed at or below",
            };
            var bound = high ? $"the {level} limit of" : $"the {level} minimum of";
            return $"Raised when {Subject(p)} {verb} {bound} {Value(p, limit)}{Persistence(limits)}.";
        }
        if (Consecutive().Match(rule) is { Success: true } k)
        {
            return $"Raised when {k.Groups["k"].Value} consecutive samples of {Subject(p)} each counted at least one particle.";
        }
        if (NOfM().Match(rule) is { Success: true } nm)
        {
            return $"Raised when {nm.Groups["n"].Value} of the last {nm.Groups["m"].Value} samples of {Subject(p)} reached the alert limit"
                + (excursion.Limit is { } alert ? $" of {Value(p, alert)}." : ".");
        }
        if (Cumulative().Match(rule) is { Success: true } v
            && double.TryParse(v.Groups["litres"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var litres)
            && double.TryParse(v.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var concentration))
        {
            return $"Raised when {Subject(p)} counted over the last {Whole(litres)} L sampled came to "
                + $"{Value(p, concentration)}, at or above the action limit" + (excursion.Limit is { } action ? $" of {Value(p, action)}." : ".");
        }
        return Sentence(rule);
    }

    /// <summary>The limits in force as their allowed ranges, then the delay, the deadband and each particle rule that is
    /// on; nothing is said about a rule that is off.</summary>
    public static IReadOnlyList<string> Limits(Parameter parameter, RecordedLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var lines = new List<string>();
        AddBand(lines, parameter, "Alert", limits.Alert);
        AddBand(lines, parameter, "Action", limits.Action);
        lines.Add(Delay(limits) is { Length: > 0 } delay ? "Alarm delay: " + delay : "No alarm delay: one sample beyond a limit raises it");
        if (limits.Deadband > 0)
        {
            lines.Add($"Returns to normal only {Value(parameter, limits.Deadband)} inside the limit (deadband)");
        }
        var rules = limits.Rules;
        if (rules.ConsecutiveSamples is { } k)
        {
            lines.Add($"Consecutive counts: {k} samples in a row, each with at least one particle, raise an alert");
        }
        if (rules.OccurrencesN is { } n && rules.OccurrencesM is { } m)
        {
            lines.Add($"Repeated alerts: {n} of the last {m} samples at or above the alert limit raise an alert");
        }
        if (rules.CumulativeVolumeLitres is { } litres)
        {
            lines.Add($"Cumulative volume: the count over the last {Whole(litres)} L sampled, as a concentration, "
                + "at or above the action limit raises an action excursion");
        }
        return lines;
    }

    private static void AddBand(List<string> lines, Parameter parameter, string level, Band band)
    {
        switch (band)
        {
            case { Low: { } low, High: { } high }:
                lines.Add($"{level} range {LiveBoard.Format(parameter, low)} to {Value(parameter, high)} (a value at either bound breaches it)");
                break;
            case { High: { } high }:
                lines.Add($"{level} limit {Value(parameter, high)}");
                break;
            case { Low: { } low }:
                lines.Add($"Minimum {Value(parameter, low)} ({level.ToLowerInvariant()})");
                break;
        }
    }

    /// <summary>" on 1 sample (no delay)", " for 3 consecutive samples", " for at least 2 min 0 s and 3 consecutive samples".</summary>
    private static string Persistence(RecordedLimits? limits)
    {
        if (limits is null)
        {
            return string.Empty;
        }
        return Delay(limits) is { Length: > 0 } delay ? " for " + delay : " on 1 sample (no delay)";
    }

    private static string Delay(RecordedLimits limits)
    {
        var samples = Math.Max(1, limits.DelaySamples);
        return (limits.Delay > TimeSpan.Zero, samples > 1) switch
        {
            (true, true) => $"at least {SiteClock.Duration(limits.Delay)} and {samples} consecutive samples",
            (true, false) => $"at least {SiteClock.Duration(limits.Delay)}",
            (false, true) => $"{samples} consecutive samples",
            _ => string.Empty,
        };
    }

    /// <summary>A whole number with the board's thousands separator (a narrow no-break space).</summary>
    private static string Whole(double value) => value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '\u202F');

    private static string Sentence(string text) => text.Length == 0 ? "—"
        : char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? "" : ".");
}
