using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Pages.Excursions;

/// <summary>The limits an excursion was judged against, read back from the copy the record keeps
/// (<see cref="LimitSet.Describe"/>, the text its version is the hash of), so the page words the limits in force then,
/// not the limits of today.</summary>
/// <param name="Justification">The delay's justification, recorded in the text since schema 7 (older texts have none).</param>
public sealed partial record RecordedLimits(Band Alert, Band Action, TimeSpan Delay, int DelaySamples, double Deadband, ParticleRules Rules,
    string? Justification = null)
{
    [GeneratedRegex(@"^alert\[(?<al>[^\]]*?)\.\.(?<ah>[^\]]*)\] action\[(?<xl>[^\]]*?)\.\.(?<xh>[^\]]*)\] delay (?<d>\S+) / (?<ds>-?\d+) samples, deadband (?<db>\S+), rules K=(?<k>\d*) N/M=(?<n>\d*)/(?<m>\d*) V=(?<v>\S*?)(?:, justification ""(?<j>.*)"")?$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Text();

    /// <summary>Reads <paramref name="text"/> as <see cref="LimitSet.Describe"/> writes it; false for any other text, so
    /// a page never words limits it could not read exactly (it shows the recorded text instead).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RecordedLimits? limits)
    {
        limits = null;
        if (text is null || Text().Match(text) is not { Success: true } m)
        {
            return false;
        }
        if (!TryNumber(m.Groups["al"].Value, out var alertLow) || !TryNumber(m.Groups["ah"].Value, out var alertHigh)
            || !TryNumber(m.Groups["xl"].Value, out var actionLow) || !TryNumber(m.Groups["xh"].Value, out var actionHigh)
            || !TimeSpan.TryParse(m.Groups["d"].Value, CultureInfo.InvariantCulture, out var delay)
            || !int.TryParse(m.Groups["ds"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var delaySamples)
            || !double.TryParse(m.Groups["db"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var deadband)
            || !TryCount(m.Groups["k"].Value, out var k) || !TryCount(m.Groups["n"].Value, out var n) || !TryCount(m.Groups["m"].Value, out var mOf)
            || !TryNumber(m.Groups["v"].Value, out var litres))
        {
            return false;
        }
        var read = new RecordedLimits(new Band(alertLow, alertHigh), new Band(actionLow, actionHigh), delay, delaySamples, deadband,
            new ParticleRules(k, n, mOf, litres), m.Groups["j"].Success ? m.Groups["j"].Value : null);
        // Written back, the values must give the recorded text again: otherwise something was read wrong.
        limits = read.Describe() == text ? read : null;
        return limits is not null;
    }

    /// <summary>The text <see cref="LimitSet.Describe"/> writes for these values: equal to the recorded text when it was read right.</summary>
    public string Describe() =>
        new LimitSet(new SensorId("-"), Parameter.Temperature, RoomState.AtRest, Alert, Action, Delay, DelaySamples, Justification, Deadband, Rules, "").Describe();

    private static bool TryNumber(string text, out double? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }
        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed);
        value = parsed;
        return ok;
    }

    private static bool TryCount(string text, out int? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed);
        value = parsed;
        return ok;
    }
}
