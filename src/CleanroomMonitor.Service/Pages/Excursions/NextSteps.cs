using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Notifications;

namespace CleanroomMonitor.Service.Pages.Excursions;

/// <summary>The "What happens next" box of an excursion page: who must act now (by role, and by tenant where the
/// excursion concerns one), what is already done and by whom, and where each notification route's escalation stands.
/// Only what the record, the tenants and the notification plan say: nothing is promised that the product does not do.</summary>
/// <param name="Now">Who must act now, and what comes after.</param>
/// <param name="Done">What has happened already (returned, acknowledged, shelved, closed), with who and when.</param>
/// <param name="Escalation">Each notification route's state for this excursion; empty when none was started.</param>
public sealed record NextSteps(IReadOnlyList<string> Now, IReadOnlyList<string> Done, IReadOnlyList<string> Escalation)
{
    private const string CloseText = "QA closes it with an electronic signature after assessment: a deviation or investigation reference, a comment";

    /// <param name="tenants">The tenants the excursion concerns (its room's leases during it, its batches' tenants), already
    /// cut to what the viewer may know: all of them for the facility's staff, the viewer's own for a tenant's user.</param>
    /// <param name="batchTenants">The tenants of its linked batches, all of them: a tenant's QA closes only when every
    /// linked batch is its own (<see cref="ReviewRules.CheckImpacts"/>); another tenant is not named to a tenant's user.</param>
    /// <param name="escalations">Its escalations, one per matching route, cut to the routes the viewer may see.</param>
    public static NextSteps For(Excursion excursion, IReadOnlyCollection<string> tenants, IReadOnlyCollection<string> batchTenants,
        IReadOnlyList<Escalation> escalations, NotificationPlan plan, string? viewerTenant)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(batchTenants);
        ArgumentNullException.ThrowIfNull(escalations);
        ArgumentNullException.ThrowIfNull(plan);
        var acknowledgers = "An operator or QA of the facility" + (tenants.Count > 0 ? $" or of {Tenants(tenants)}" : "");
        var closers = Closers(excursion, batchTenants, viewerTenant);
        var acknowledge = $"{acknowledgers} acknowledges it with an electronic signature, an assignable cause and a comment.";
        IReadOnlyList<string> now = excursion.Status switch
        {
            ExcursionStatus.Unacknowledged or ExcursionStatus.Shelved =>
                [acknowledge, "It stays open while the values are beyond the limit; once it has returned to normal and been acknowledged, " + closers],
            ExcursionStatus.ReturnedUnacknowledged => [acknowledge, "Then " + closers],
            ExcursionStatus.Acknowledged => ["Nobody needs to sign now: it is still active. Once the values are back inside the limits, " + closers],
            ExcursionStatus.ReturnedToNormal => [closers],
            ExcursionStatus.Closed => ["Nothing: the record is closed, and a closed excursion is final."],
            _ => throw new ArgumentOutOfRangeException(nameof(excursion), excursion.Status, "no next step for this excursion status"),
        };
        var done = new List<string>();
        if (excursion.EndedAt is { } ended)
        {
            done.Add($"Returned to normal at {SiteClock.Utc(ended)}.");
        }
        if (excursion.Shelving is { } shelving)
        {
            done.Add($"Shelved by {Signer(shelving.Signature)} at {SiteClock.Utc(shelving.Signature.At)} until {SiteClock.Utc(shelving.Until)}: {shelving.Reason}");
        }
        if (excursion.Acknowledgement is { } ack)
        {
            done.Add($"Acknowledged by {Signer(ack.Signature)} at {SiteClock.Utc(ack.Signature.At)}.");
        }
        if (excursion.Closure is { } closure)
        {
            done.Add($"Closed by {Signer(closure.Signature)} at {SiteClock.Utc(closure.Signature.At)}.");
        }
        return new NextSteps(now, done, [.. escalations.Select(e => Describe(e, plan, viewerTenant))]);
    }

    private static string Closers(Excursion excursion, IReadOnlyCollection<string> batchTenants, string? viewerTenant)
    {
        if (excursion.Batches.Count == 0)
        {
            return $"{CloseText}; no batch is linked, so no product-impact decision is needed.";
        }
        var decisions = $"{CloseText} and a product-impact decision for each linked batch ({string.Join(", ", excursion.Batches)}).";
        return batchTenants.Count switch
        {
            1 when viewerTenant is null || batchTenants.Contains(viewerTenant) => $"{decisions} The facility's QA or the QA of {Tenants(batchTenants)} signs it.",
            1 => $"{decisions} The facility's QA or the QA of the batches' tenant signs it.",
            0 => $"{decisions} The facility's QA signs it.",
            _ => $"{decisions} The facility's QA signs it, as the linked batches belong to more than one tenant.",
        };
    }

    private static string Describe(Escalation escalation, NotificationPlan plan, string? viewerTenant)
    {
        var head = $"Route {escalation.Route}: ";
        var steps = plan.Policy(escalation.Policy)?.Steps;
        var due = escalation.DueAt is { } at ? SiteClock.Utc(at) : null;
        var progress = steps is null ? $"{escalation.StepsDone} step{(escalation.StepsDone == 1 ? "" : "s")} notified"
            : $"step {escalation.StepsDone} of {steps.Count} notified";
        return escalation.State switch
        {
            EscalationState.Stopped => head + progress + "; stopped" + (escalation.Note is { Length: > 0 } note ? $" ({note})." : "."),
            EscalationState.Suspended => head + progress + "; suspended" + (escalation.Note is { Length: > 0 } note ? $" ({note})" : "")
                + ": nothing is sent while it is shelved.",
            _ when due is null => head + progress + ".",
            _ when steps is not null && escalation.StepsDone < steps.Count =>
                $"{head}{progress}; if nobody has acknowledged it by {due}, step {escalation.StepsDone + 1} notifies {Whom(steps[escalation.StepsDone], plan, viewerTenant)}.",
            _ => $"{head}{progress}; a reminder goes to everyone notified at {due} unless it is acknowledged first.",
        };
    }

    /// <summary>The people a step names, as the viewer may know them: another tenant's people are not named to a tenant's user.</summary>
    private static string Whom(EscalationStep step, NotificationPlan plan, string? viewerTenant)
    {
        var names = new List<string>();
        var others = 0;
        foreach (var target in step.Notify)
        {
            if (target.StartsWith(EscalationStep.RosterPrefix, StringComparison.Ordinal))
            {
                names.Add($"whoever is on call in roster {target[EscalationStep.RosterPrefix.Length..]}");
            }
            else if (plan.Contact(target) is { } contact && (viewerTenant is null || contact.Tenant is null || contact.Tenant == viewerTenant))
            {
                names.Add(contact.Name);
            }
            else
            {
                others++;
            }
        }
        if (others > 0)
        {
            names.Add(others == 1 ? "one other person" : $"{others} other people");
        }
        return names.Count == 0 ? "nobody" : string.Join(", ", names);
    }

    private static string Signer(CleanroomMonitor.Core.Security.Signature signature) => $"{signature.PrintedName} ({signature.Role})";

    private static string Tenants(IEnumerable<string> tenants)
    {
        var list = tenants.Order(StringComparer.Ordinal).ToList();
        return (list.Count == 1 ? "tenant " : "tenants ") + string.Join(" or ", list);
    }
}
