using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>The allowed moves of an excursion's life (ISA-18.2 states plus QA closure). Sequencing is enforced here
/// (Part 11 §11.10(f)): nothing is closed before it is acknowledged and back to normal, nothing closed changes again.
/// Each method returns the changed record, or an error saying why the move is not allowed.</summary>
public static class ExcursionLifecycle
{
    public static (Excursion? Changed, string? Error) Acknowledge(Excursion excursion, ExcursionAcknowledgement acknowledgement)
    {
        var at = acknowledgement.Signature.At;
        var by = acknowledgement.Signature.UserName;
        var detail = $"{acknowledgement.Signature.Meaning}: cause {acknowledgement.Cause}; {acknowledgement.Comment}";
        return excursion.Status switch
        {
            ExcursionStatus.Unacknowledged or ExcursionStatus.Shelved =>
                (With(excursion, ExcursionStatus.Acknowledged, at, ExcursionAction.Acknowledged, detail, by) with { Acknowledgement = acknowledgement, ShelvedReason = null }, null),
            ExcursionStatus.ReturnedUnacknowledged =>
                (With(excursion, ExcursionStatus.ReturnedToNormal, at, ExcursionAction.Acknowledged, detail, by) with { Acknowledgement = acknowledgement }, null),
            _ => (null, $"excursion is {excursion.Status}: only an unacknowledged excursion can be acknowledged"),
        };
    }

    public static (Excursion? Changed, string? Error) ReturnToNormal(Excursion excursion, DateTimeOffset at, string detail) =>
        excursion switch
        {
            { EndedAt: not null } => (null, "excursion has already returned to normal"),
            { Status: ExcursionStatus.Acknowledged } => (With(excursion, ExcursionStatus.ReturnedToNormal, at, ExcursionAction.Returned, detail, "system") with { EndedAt = at }, null),
            { Status: ExcursionStatus.Unacknowledged or ExcursionStatus.Shelved } =>
                (With(excursion, ExcursionStatus.ReturnedUnacknowledged, at, ExcursionAction.Returned, detail, "system") with { EndedAt = at }, null),
            _ => (null, $"excursion is {excursion.Status}"),
        };

    /// <summary>QA closes a returned, acknowledged excursion; every linked batch needs a product-impact decision.</summary>
    public static (Excursion? Changed, string? Error) Close(Excursion excursion, ExcursionClosure closure)
    {
        var missing = excursion.Batches.Where(b => !closure.Impacts.Any(i => i.Batch == b)).ToList();
        return excursion.Status switch
        {
            ExcursionStatus.ReturnedToNormal when missing.Count > 0 =>
                (null, $"a product-impact decision is needed for every linked batch: missing {string.Join(", ", missing)}"),
            ExcursionStatus.ReturnedToNormal =>
                (With(excursion, ExcursionStatus.Closed, closure.Signature.At, ExcursionAction.Closed, $"{closure.Signature.Meaning}: deviation {closure.Deviation}; {closure.Comment}",
                    closure.Signature.UserName) with { Closure = closure }, null),
            ExcursionStatus.Closed => (null, "excursion is already closed"),
            ExcursionStatus.Unacknowledged or ExcursionStatus.ReturnedUnacknowledged or ExcursionStatus.Shelved =>
                (null, "excursion must be acknowledged before it is closed"),
            _ => (null, "excursion is still active: it can be closed once it has returned to normal"),
        };
    }

    /// <summary>A person shelves an active, unacknowledged excursion with a signature, a reason and an expiry no further
    /// than <paramref name="longest"/> ahead (ISA-18.2: shelving is temporary and attributable; a machine cannot shelve,
    /// as tokens cannot sign). The excursion comes back by itself at the expiry (<see cref="Unshelve"/>).</summary>
    public static (Excursion? Changed, string? Error) Shelve(Excursion excursion, ExcursionShelving shelving, TimeSpan longest)
    {
        var at = shelving.Signature.At;
        if (string.IsNullOrWhiteSpace(shelving.Reason))
        {
            return (null, "a reason is required to shelve");
        }
        if (shelving.Until <= at)
        {
            return (null, "the shelving expiry must be in the future");
        }
        if (shelving.Until - at > longest)
        {
            return (null, $"an excursion can be shelved for at most {longest}");
        }
        var by = shelving.Signature.UserName;
        return excursion.Status == ExcursionStatus.Unacknowledged && excursion.IsActive
            ? (With(excursion, ExcursionStatus.Shelved, at, ExcursionAction.Shelved, $"{shelving.Signature.Meaning} until {shelving.Until:O}: {shelving.Reason}", by)
                with { ShelvedReason = $"{shelving.Reason} ({by}, until {shelving.Until:O})", Shelving = shelving }, null)
            : (null, $"excursion is {excursion.Status}: only an active, unacknowledged excursion can be shelved");
    }

    /// <summary>The shelving expired: the excursion is unacknowledged again, by the system, stamped with the expiry.</summary>
    public static (Excursion? Changed, string? Error) Unshelve(Excursion excursion) =>
        excursion is { Status: ExcursionStatus.Shelved, Shelving: { } shelving }
            ? (With(excursion, ExcursionStatus.Unacknowledged, shelving.Until, ExcursionAction.Unshelved, $"shelving by {shelving.Signature.UserName} expired", "system")
                with { ShelvedReason = null }, null)
            : (null, $"excursion is {excursion.Status}: not shelved");

    public static Excursion Escalate(Excursion excursion, LimitLevel level, string rule, double value, double? limit, DateTimeOffset at) =>
        excursion with
        {
            Level = level,
            Rule = rule,
            Limit = limit ?? excursion.Limit,
            // An escalation needs a fresh acknowledgement: the operator acknowledged an alert, not an action breach.
            Status = excursion.Status is ExcursionStatus.Acknowledged ? ExcursionStatus.Unacknowledged : excursion.Status,
            History = [.. excursion.History, new ExcursionEntry(at, ExcursionAction.Escalated, level, $"{rule}; value {value}", "system")],
        };

    private static Excursion With(Excursion excursion, ExcursionStatus status, DateTimeOffset at, string what, string detail, string by) =>
        excursion with { Status = status, History = [.. excursion.History, new ExcursionEntry(at, what, excursion.Level, detail, by)] };
}
