using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Limits;

/// <summary>The limits in force for one sensor parameter in one room state, with the rules that turn breaches into
/// excursions. Every excursion keeps a copy of the set it was judged against.</summary>
/// <param name="Alert">The alert band (site-set).</param>
/// <param name="Action">The action band (regulatory or stricter site value).</param>
/// <param name="Delay">How long a breach must last, in reading time, before it is an excursion (door openings).</param>
/// <param name="DelaySamples">How many consecutive breaching samples are needed before it is an excursion.</param>
/// <param name="Justification">Why the delay is acceptable (Annex 1 4.16 requires it for every alarm delay).</param>
/// <param name="Deadband">The margin inside the limit a value must reach before the excursion returns to normal.</param>
/// <param name="Source">Where each value came from (Annex 1 default, grade, room, sensor), for the record.</param>
public sealed record LimitSet(
    SensorId Sensor,
    Parameter Parameter,
    RoomState State,
    Band Alert,
    Band Action,
    TimeSpan Delay,
    int DelaySamples,
    string? Justification,
    double Deadband,
    ParticleRules Rules,
    string Source)
{
    public bool IsSet => Alert.IsSet || Action.IsSet || Rules.Any;

    /// <summary>The level of a single value against the bands (before delays and rules).</summary>
    public LimitLevel Classify(double value) =>
        Action.Breaches(value) ? LimitLevel.Action : Alert.Breaches(value) ? LimitLevel.Alert : LimitLevel.Normal;

    /// <summary>A short, stable description of the values, the version of this set: a change of any value is a new version.
    /// The delay's justification is part of it (Annex 1 4.16: the justification is what makes the delay acceptable, so a
    /// new justification is a new version), written only when there is one, so sets without one keep their version.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"alert[{Alert.Low}..{Alert.High}] action[{Action.Low}..{Action.High}] delay {Delay} / {DelaySamples} samples, deadband {Deadband}, " +
        $"rules K={Rules.ConsecutiveSamples} N/M={Rules.OccurrencesN}/{Rules.OccurrencesM} V={Rules.CumulativeVolumeLitres}")
        + (Justification is null ? "" : ", justification \"" + Justification + "\"");

    public string Version => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Describe())))[..12];
}
