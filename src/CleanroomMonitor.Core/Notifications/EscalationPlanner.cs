using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Core.Notifications;

/// <summary>The escalation rules (docs/notifications.md "Escalation"), pure so they can be tested on a fake clock: which
/// routes start for an excursion, how a transition moves a running escalation, and whom a due moment notifies.</summary>
/// <remarks>A due moment notifies every step whose delay has passed at once, reminds everyone reached before when a
/// reminder is due too, and times the next reminder from that moment: a service that was down for an hour catches up with
/// one notice per person, not with a storm of the reminders it missed, and loses no escalation.</remarks>
public sealed class EscalationPlanner(NotificationPlan plan)
{
    public NotificationPlan Plan { get; } = plan;

    /// <summary>Whether an excursion in this state is waiting for someone to acknowledge it.</summary>
    public static bool AwaitsAcknowledgement(Excursion excursion)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        return excursion.Status is ExcursionStatus.Unacknowledged or ExcursionStatus.ReturnedUnacknowledged;
    }

    /// <summary>Escalations for the routes <paramref name="excursion"/> matches now and that have not started for it yet
    /// (an escalation from alert to action level can bring a new route in).</summary>
    /// <param name="started">The routes already started for this excursion.</param>
    public IReadOnlyList<Escalation> Start(Excursion excursion, IReadOnlyCollection<string> tenants, IReadOnlyCollection<string> started, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        ArgumentNullException.ThrowIfNull(started);
        if (!AwaitsAcknowledgement(excursion))
        {
            return [];
        }
        var result = new List<Escalation>();
        foreach (var route in Plan.RoutesFor(excursion, tenants))
        {
            if (started.Contains(route.Id) || Plan.Policy(route.Policy) is not { Steps.Count: > 0 } policy)
            {
                continue;
            }
            if (excursion.Status == ExcursionStatus.ReturnedUnacknowledged && policy.StopOnReturn)
            {
                continue;
            }
            result.Add(new Escalation(excursion.Id, route.Id, policy.Id, now, 0, 0, now + policy.Steps[0].After, EscalationState.Running));
        }
        return result;
    }

    /// <summary>The escalation after the excursion's transition <paramref name="change"/>: stopped by an acknowledgement or
    /// closure (and by a return to normal when the policy says so), suspended while shelved, due at once when unshelved.</summary>
    public Escalation Apply(Escalation escalation, ExcursionChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        ArgumentNullException.ThrowIfNull(change);
        if (escalation.State == EscalationState.Stopped)
        {
            return escalation;
        }
        var policy = Plan.Policy(escalation.Policy);
        return change.Action switch
        {
            ExcursionAction.Acknowledged => Stop(escalation, $"acknowledged by {change.By}"),
            ExcursionAction.Closed => Stop(escalation, $"closed by {change.By}"),
            ExcursionAction.Returned when policy?.StopOnReturn == true => Stop(escalation, "returned to normal (the policy stops on return)"),
            ExcursionAction.Shelved => escalation with { State = EscalationState.Suspended, DueAt = null, Note = $"shelved by {change.By}" },
            ExcursionAction.Unshelved when escalation.State == EscalationState.Suspended && AwaitsAcknowledgement(change.After) =>
                escalation with { State = EscalationState.Running, DueAt = now, Note = null, LastFiredAt = null },
            _ => escalation,
        };
    }

    /// <summary>Who is notified at <paramref name="now"/> and when the escalation is next due. Nothing when it is not due.</summary>
    /// <param name="tenants">The tenants the excursion concerns: a tenant's person hears only of those.</param>
    public Firing Fire(Escalation escalation, IReadOnlyCollection<string> tenants, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        ArgumentNullException.ThrowIfNull(tenants);
        if (!escalation.IsDue(now))
        {
            return new Firing(escalation, [], []);
        }
        if (Plan.Policy(escalation.Policy) is not { } policy)
        {
            return new Firing(Stop(escalation, $"policy '{escalation.Policy}' is no longer in the notification plan"), [], []);
        }
        var recipients = new List<Recipient>();
        var unreached = new List<Unreached>();
        var reached = escalation.StepsDone;
        var stepsDone = reached;
        while (stepsDone < policy.Steps.Count && escalation.StartedAt + policy.Steps[stepsDone].After <= now)
        {
            Resolve(policy.Steps[stepsDone], stepsDone + 1, 0, tenants, now, recipients, unreached);
            stepsDone++;
        }
        var repeats = escalation.Repeats;
        if (reached > 0 && (escalation.LastFiredAt is null || escalation.LastFiredAt + policy.RepeatEvery <= now || stepsDone == reached))
        {
            // A reminder to everyone reached before: due by its own timer, after an unshelving, or when nothing new is.
            repeats++;
            for (var i = 0; i < reached; i++)
            {
                Resolve(policy.Steps[i], i + 1, repeats, tenants, now, recipients, unreached);
            }
        }
        DateTimeOffset? nextStep = stepsDone < policy.Steps.Count ? escalation.StartedAt + policy.Steps[stepsDone].After : null;
        DateTimeOffset? nextRepeat = now + policy.RepeatEvery;
        var next = escalation with { StepsDone = stepsDone, Repeats = repeats, LastFiredAt = now };
        next = (nextStep, nextRepeat) switch
        {
            (null, null) => Stop(next, "every step notified; the policy does not repeat"),
            ({ } step, { } repeat) => next with { DueAt = step < repeat ? step : repeat },
            _ => next with { DueAt = nextStep ?? nextRepeat },
        };
        return new Firing(next, Distinct(recipients), unreached);
    }

    /// <summary>The people <paramref name="step"/> names at <paramref name="now"/> (rosters resolved to whoever is on call),
    /// and those it names who cannot be notified, with why.</summary>
    public (IReadOnlyList<Recipient> Recipients, IReadOnlyList<Unreached> Unreached) Resolve(EscalationStep step, IReadOnlyCollection<string> tenants,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(tenants);
        var recipients = new List<Recipient>();
        var unreached = new List<Unreached>();
        Resolve(step, 1, 0, tenants, now, recipients, unreached);
        return (Distinct(recipients), unreached);
    }

    private void Resolve(EscalationStep step, int number, int repeat, IReadOnlyCollection<string> tenants, DateTimeOffset now,
        List<Recipient> recipients, List<Unreached> unreached)
    {
        foreach (var target in step.Notify)
        {
            if (target.StartsWith(EscalationStep.RosterPrefix, StringComparison.Ordinal))
            {
                var rosterId = target[EscalationStep.RosterPrefix.Length..];
                var onCall = Plan.Roster(rosterId)?.OnCallAt(now) ?? [];
                if (onCall.Count == 0)
                {
                    unreached.Add(new Unreached(target, number, $"nobody is on call in roster '{rosterId}'"));
                }
                foreach (var id in onCall)
                {
                    Add(id, rosterId);
                }
            }
            else
            {
                Add(target, null);
            }
        }

        void Add(string contactId, string? via)
        {
            if (Plan.Contact(contactId) is not { } contact)
            {
                unreached.Add(new Unreached(contactId, number, $"contact '{contactId}' is not in the notification plan"));
            }
            else if (contact.Tenant is { } tenant && !tenants.Contains(tenant))
            {
                unreached.Add(new Unreached(contactId, number, $"works for tenant '{tenant}', and the excursion is not in its rooms or batches", tenant));
            }
            else
            {
                recipients.Add(new Recipient(contact, step.Channels, number, repeat, via));
            }
        }
    }

    /// <summary>One notice per person per moment, from the first step that names them.</summary>
    private static List<Recipient> Distinct(List<Recipient> recipients) => [.. recipients.DistinctBy(r => r.Contact.Id)];

    private static Escalation Stop(Escalation escalation, string note) =>
        escalation with { State = EscalationState.Stopped, DueAt = null, Note = note };
}
