using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>The rules of a limit change's life (docs/gmp.md "Limit changes under change control"), pure so that the API,
/// the pages and the tests judge alike. QA proposes with a reason; another QA approves with a signature, or rejects with
/// a reason; the proposer may withdraw (not reject) an undecided proposal with a reason. One decision per change. A tenant's QA acts
/// only on rooms its tenant leases, and only where the site allows tenants to (<c>LimitChanges:TenantsMayPropose</c>).
/// A delay needs a justification (Annex 1 4.16) and an alert level must lie inside the action band, judged on the limit
/// sets the change would put in force, not on the one level alone.</summary>
public static class LimitChangeRules
{
    public const string Approved = "approved";

    public const string Rejected = "rejected";

    public const string Withdrawn = "withdrawn";

    public const int MaxReasonLength = 2000;

    /// <summary>The role every step is taken in.</summary>
    public const string SigningRole = nameof(Role.QA);

    /// <summary>Whether <paramref name="actor"/> may propose <paramref name="change"/> on <paramref name="facility"/> (the
    /// limits in force now); null when yes.</summary>
    public static LimitChangeRefusal? CheckProposal(LimitChange change, FacilityDefinition facility, LimitChangeActor actor, bool tenantsMayPropose)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(facility);
        ArgumentNullException.ThrowIfNull(actor);
        if (!facility.TryGetRoom(change.Room, out _))
        {
            return new(LimitChangeFailure.NotFound, $"room {change.Room} is not in the facility definition");
        }
        if (Scope(actor, change, "propose", tenantsMayPropose) is { } scope)
        {
            return scope;
        }
        if (CheckReason(change.Reason, "a proposal") is { } reason)
        {
            return reason;
        }
        IReadOnlyList<Sensor> judged;
        if (change.Sensor is { } id)
        {
            if (!facility.TryGetSensor(id, out var sensor) || sensor.Room != change.Room)
            {
                return new(LimitChangeFailure.NotFound, $"sensor {id} is not in room {change.Room}");
            }
            if (!sensor.Measures(change.Parameter))
            {
                return new(LimitChangeFailure.Invalid, $"sensor {id} does not measure {change.Parameter.WireName()} ({string.Join(", ", sensor.Parameters.Select(p => p.WireName()))})");
            }
            judged = [sensor];
        }
        else
        {
            // Room limits are for the room's air: the incubator or freezer standing in it keeps its own (LimitBook).
            judged = [.. facility.SensorsIn(change.Room).Where(s => s.Equipment is null && s.Measures(change.Parameter))];
            if (judged.Count == 0)
            {
                return new(LimitChangeFailure.Invalid, $"no room-air sensor of room {change.Room} measures {change.Parameter.WireName()}");
            }
        }
        return CheckSpec(change.Limits, change.Parameter) ?? CheckResult(change, facility, judged);
    }

    /// <summary>Whether <paramref name="actor"/> may approve; null when yes. Checked before the password, so a refused signer
    /// is told why without a failed attempt being counted.</summary>
    public static LimitChangeRefusal? CheckApproval(LimitChangeHistory history, LimitChangeActor actor, bool tenantsMayPropose)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(actor);
        if ((Scope(actor, history.Change, "approve", tenantsMayPropose) ?? Undecided(history)) is { } refusal)
        {
            return refusal;
        }
        return string.Equals(history.Change.ProposedBy, actor.UserName, StringComparison.Ordinal)
            ? new(LimitChangeFailure.Forbidden, $"{actor.UserName} proposed limit change {history.Change.Id} and cannot also approve it (a second QA person approves)")
            : null;
    }

    /// <summary>Whether <paramref name="actor"/> may reject with <paramref name="reason"/>; null when yes.</summary>
    public static LimitChangeRefusal? CheckRejection(LimitChangeHistory history, LimitChangeActor actor, string? reason, bool tenantsMayPropose)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(actor);
        if (Scope(actor, history.Change, "reject", tenantsMayPropose) is { } scope)
        {
            return scope;
        }
        return string.Equals(history.Change.ProposedBy, actor.UserName, StringComparison.Ordinal)
            ? new(LimitChangeFailure.Forbidden, $"{actor.UserName} proposed limit change {history.Change.Id}: the proposer withdraws it, another QA person rejects it")
            : CheckReason(reason, "a rejection") ?? Undecided(history);
    }

    /// <summary>Whether <paramref name="actor"/> may withdraw with <paramref name="reason"/>: only the proposer, only while undecided.</summary>
    public static LimitChangeRefusal? CheckWithdrawal(LimitChangeHistory history, LimitChangeActor actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(actor);
        if (!string.Equals(history.Change.ProposedBy, actor.UserName, StringComparison.Ordinal))
        {
            return new(LimitChangeFailure.Forbidden, $"only the proposer ({history.Change.ProposedBy}) may withdraw limit change {history.Change.Id}; QA may reject it");
        }
        return CheckReason(reason, "a withdrawal") ?? Undecided(history);
    }

    /// <summary>When an approval given at <paramref name="approvedAt"/> puts the change in force: the proposed time, or
    /// the approval itself when that time has passed (a change never applies before it was approved, so nothing already
    /// judged is judged again), and whether it was moved.</summary>
    public static (DateTimeOffset At, bool Now) EffectiveAt(LimitChange change, DateTimeOffset approvedAt)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.EffectiveAt < approvedAt ? (approvedAt, true) : (change.EffectiveAt, false);
    }

    /// <summary>A delay without a justification, an alert level outside the action band, an empty band, or a particle or
    /// pressure key on a parameter that has none: the same rules the facility file is read under.</summary>
    public static LimitChangeRefusal? CheckSpec(LimitSpec spec, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return CheckLevel(spec, parameter, "limits", spec.Justification)
            ?? (spec.AtRest is { } atRest ? CheckLevel(atRest, parameter, "atRest", atRest.Justification ?? spec.Justification) : null)
            ?? (spec.InOperation is { } inOperation ? CheckLevel(inOperation, parameter, "inOperation", inOperation.Justification ?? spec.Justification) : null)
            ?? ((spec.AtRest?.AtRest ?? spec.AtRest?.InOperation ?? spec.InOperation?.AtRest ?? spec.InOperation?.InOperation) is not null
                ? Invalid("limits", "atRest and inOperation may not be nested inside each other")
                : null);
    }

    private static LimitChangeRefusal? CheckLevel(LimitSpec spec, Parameter parameter, string at, string? justification)
    {
        if (spec.Justification is { } text && string.IsNullOrWhiteSpace(text))
        {
            return Invalid($"{at}.justification", "a justification may not be blank");
        }
        if ((spec.Delay > TimeSpan.Zero || spec.DelaySamples > 1) && justification is null)
        {
            return Invalid($"{at}.justification", "an alarm delay needs a justification (Annex 1 4.16 requires one for every delay)");
        }
        if (spec.Delay is { } delay && (delay < TimeSpan.Zero || delay > TimeSpan.FromHours(24)))
        {
            return Invalid($"{at}.delay", $"{delay} is not a delay from 0 to 24 h");
        }
        if (spec.DelaySamples is < 1 or > 1000)
        {
            return Invalid($"{at}.delaySamples", $"{spec.DelaySamples} is not a whole number from 1 to 1000");
        }
        if (spec.Deadband is < 0 || spec.Deadband is { } d && !double.IsFinite(d))
        {
            return Invalid($"{at}.deadband", $"{spec.Deadband} is not a non-negative number");
        }
        if (BadBand(spec.Alert) is { } alertProblem)
        {
            return Invalid($"{at}.alert", alertProblem);
        }
        if (BadBand(spec.Action) is { } actionProblem)
        {
            return Invalid($"{at}.action", actionProblem);
        }
        if (spec.Sign is not null && parameter != Parameter.DifferentialPressure)
        {
            return Invalid($"{at}.sign", "only differential pressure has a sign");
        }
        if (spec.Sign is not (null or 1 or -1))
        {
            return Invalid($"{at}.sign", "the sign is +1 (positive) or -1 (negative)");
        }
        var particle = parameter.Info().IsParticleCount;
        if (!particle && (spec.ConsecutiveSamples ?? spec.OccurrencesN ?? spec.OccurrencesM ?? (object?)spec.CumulativeVolumeLitres) is not null)
        {
            return Invalid(at, "the particle rules (consecutive, occurrences, cumulative litres) are for particle counts only");
        }
        if (spec.ConsecutiveSamples is < 0 or > 1000 || spec.OccurrencesN is < 0 or > 1000 || spec.OccurrencesM is < 1 or > 1000)
        {
            return Invalid(at, "consecutive and occurrences n are whole numbers from 0 to 1000, occurrences m from 1 to 1000");
        }
        if ((spec.OccurrencesN is null) != (spec.OccurrencesM is null) || spec.OccurrencesN > spec.OccurrencesM)
        {
            return Invalid($"{at}.occurrences", "occurrences need both n and m, with n at most m");
        }
        return spec.CumulativeVolumeLitres is < 0 || spec.CumulativeVolumeLitres is { } v && !double.IsFinite(v)
            ? Invalid($"{at}.cumulativeLitres", "a non-negative number of litres (0 turns the rule off)")
            : null;
    }

    /// <summary>Judged on the sets the change puts in force, in both room states, for every sensor it reaches: a room's
    /// new alert level may meet a sensor's own action limit, or the Annex 1 default one.</summary>
    private static LimitChangeRefusal? CheckResult(LimitChange change, FacilityDefinition facility, IReadOnlyList<Sensor> sensors)
    {
        var book = new LimitBook(change.Apply(facility));
        foreach (var sensor in sensors)
        {
            foreach (var state in (RoomState[])[RoomState.AtRest, RoomState.InOperation])
            {
                if (book.Resolve(sensor, change.Parameter, state) is not { } set)
                {
                    continue;
                }
                if (Outside(set.Alert, set.Action) is { } problem)
                {
                    return new(LimitChangeFailure.Invalid, string.Create(CultureInfo.InvariantCulture,
                        $"the alert level must lie inside the action band: for sensor {sensor.Id} {state} the change would give alert {Text(set.Alert)} against action {Text(set.Action)} ({problem})"));
                }
            }
        }
        return null;
    }

    private static string? Outside(Band alert, Band action)
    {
        if (alert.High is { } ah && action.High is { } xh && ah > xh)
        {
            return "the alert's upper level is above the action limit";
        }
        if (alert.Low is { } al && action.Low is { } xl && al < xl)
        {
            return "the alert's lower level is below the action limit";
        }
        if (alert.High is { } h && action.Low is { } l && h <= l)
        {
            return "the alert's upper level is at or below the action's lower limit";
        }
        return alert.Low is { } low && action.High is { } high && low >= high ? "the alert's lower level is at or above the action's upper limit" : null;
    }

    private static string? BadBand(Band band) =>
        band.Low is { } low && band.High is { } high && low >= high ? "the low bound must lie below the high bound"
        : band.Low is { } l && !double.IsFinite(l) || band.High is { } h && !double.IsFinite(h) ? "bounds must be finite numbers"
        : null;

    private static LimitChangeRefusal? Scope(LimitChangeActor actor, LimitChange change, string act, bool tenantsMayPropose)
    {
        if (!actor.Roles.Contains(Role.QA))
        {
            return new(LimitChangeFailure.Forbidden, $"only QA may {act} a limit change ({actor.UserName} does not hold the QA role)");
        }
        if (actor.IsFacilityStaff)
        {
            return null;
        }
        if (!actor.LeasesRoom)
        {
            // As elsewhere, another tenant's room is answered as not found, so it stays invisible.
            return new(LimitChangeFailure.NotFound, $"room {change.Room} not found");
        }
        return tenantsMayPropose ? null
            : new(LimitChangeFailure.Forbidden, $"this site does not let tenants' QA {act} limit changes (LimitChanges:TenantsMayPropose is false)");
    }

    private static LimitChangeRefusal? Undecided(LimitChangeHistory history) => history.Decision is { } decision
        ? new(LimitChangeFailure.Sequence,
            $"limit change {history.Change.Id} was {decision.Signature.Meaning} by {decision.Signature.PrintedName} ({decision.Signature.UserName}) at {decision.Signature.At:o}; a decided change stays as it is")
        : null;

    private static LimitChangeRefusal? CheckReason(string? reason, string what) => string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength
        ? new(LimitChangeFailure.Invalid, $"{what} needs a reason (1-{MaxReasonLength} characters)")
        : null;

    private static LimitChangeRefusal Invalid(string at, string message) => new(LimitChangeFailure.Invalid, $"{at}: {message}");

    private static string Text(Band band) => string.Create(CultureInfo.InvariantCulture, $"[{band.Low?.ToString() ?? "-"} .. {band.High?.ToString() ?? "-"}]");
}
