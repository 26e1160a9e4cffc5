using System.Security.Claims;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>What the admin page and <c>/api/notifications</c> do with notifications: read and replace the plan (validated
/// whole, audited with a reason), show who is on call, send a route's test notification (recorded and audited), and read
/// the delivery record.</summary>
public sealed class NotificationAdministration(NotificationPlanKeeper plans, INotificationRecords store, IRecordStore records, NotificationText text,
    DeliverySender sender, TimeProvider time, ILogger<NotificationAdministration> logger)
{
    /// <summary>How long a test notification's request waits for the channels before answering with what is known.</summary>
    private static readonly TimeSpan TestWait = TimeSpan.FromSeconds(15);

    public NotificationPlan Plan => plans.Current;

    public StoredPlan? Stored => plans.Stored;

    public Task<IReadOnlyList<StoredPlan>> HistoryAsync(CancellationToken cancellationToken) => store.PlanHistoryAsync(cancellationToken);

    public Task<IReadOnlyList<Delivery>> RecentAsync(int count, CancellationToken cancellationToken) => store.RecentDeliveriesAsync(Math.Clamp(count, 1, 1000), cancellationToken);

    /// <summary>The delivery record of an excursion as <paramref name="user"/> may see it (the caller has checked that
    /// they may see the excursion): a tenant's user sees the notifications of the facility's people and their own
    /// tenant's, not another tenant's; only the facility's administrators see the addresses.</summary>
    public async Task<IReadOnlyList<Delivery>> DeliveriesAsync(Guid excursion, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tenant = user.FindFirstValue(ClaimNames.Tenant);
        var addresses = tenant is null && user.IsInRole(nameof(Role.Admin));
        return [.. (await store.DeliveriesAsync(excursion, cancellationToken)).Where(d => d.VisibleTo(tenant))
            .Select(d => addresses ? d : d with { Attempts = [.. d.Attempts.Select(a => a with { Address = a.Address.Length == 0 ? a.Address : "(shown to administrators)" })] })];
    }

    public IReadOnlyList<OnCallNow> OnCall()
    {
        var now = time.GetUtcNow();
        var plan = plans.Current;
        return [.. plan.Rosters.Select(r => new OnCallNow(r.Id, [.. r.OnCallAt(now).Select(id => plan.Contact(id)?.Name ?? id)]))];
    }

    /// <summary>Validates and saves a new plan. Refused with every problem found (its path and value) when invalid.</summary>
    public async Task<(StoredPlan? Saved, IReadOnlyList<ConfigError> Errors)> SavePlanAsync(string? planText, string? reason, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return (null, [new ConfigError("request", "reason", reason, "the reason for the change (recorded in the audit trail)")]);
        }
        if (string.IsNullOrWhiteSpace(planText))
        {
            return (null, [new ConfigError("request", "text", null, "the notification plan as JSON text")]);
        }
        var (plan, errors) = await plans.SaveAsync(planText, user.Identity!.Name!, reason.Trim(), cancellationToken);
        return plan is null ? (null, errors) : (plans.Stored, []);
    }

    /// <summary>Sends a test notification to the people the route's first step names now (tenant people included:
    /// it is a test of their addresses), records each delivery and audits the request; waits a short while for the
    /// channels and answers with the deliveries as they stand.</summary>
    public async Task<ChangeOutcome<IReadOnlyList<Delivery>>> TestAsync(string? routeId, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ChangeOutcome.Fail<IReadOnlyList<Delivery>>(ChangeFailure.Invalid, "Give the reason for the test (recorded in the audit trail).");
        }
        var plan = plans.Current;
        if (routeId is null || plan.Route(routeId) is not { } route || plan.Policy(route.Policy) is not { } policy)
        {
            return ChangeOutcome.Fail<IReadOnlyList<Delivery>>(ChangeFailure.NotFound,
                $"No route '{routeId}' in the notification plan in force; routes: {string.Join(", ", plan.Routes.Select(r => r.Id))}.");
        }
        var by = user.Identity!.Name!;
        var now = time.GetUtcNow();
        var everyTenant = plan.Contacts.Select(c => c.Tenant).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // The first step whatever its delay: a route whose first notice waits five minutes is tested now all the same.
        var firing = new EscalationPlanner(plan).Resolve(policy.Steps[0], everyTenant, now);
        var deliveries = firing.Recipients.Select(r => Delivery.Planned(r, Guid.Empty, route.Id, now, by)).ToList();
        var unreached = firing.Unreached.Select(u => Delivery.NotReached(u, Guid.Empty, route.Id, 0, now, by)).ToList();
        await store.SaveAsync([], [.. deliveries, .. unreached], cancellationToken);
        await records.AppendAuditAsync(AuditEntries.Of(now, by, AuditRoles.Of(user), AuditAction.NotificationTested, AuditEntity.NotificationPlan, route.Id, (object?)null,
            new { route = route.Id, recipients = deliveries.Select(d => d.Contact).ToList(), unreached = unreached.Select(d => d.Contact).ToList() }, reason.Trim()),
            cancellationToken);
        logger.NotificationTestSent(route.Id, by, deliveries.Count);
        var message = text.Test(route.Id, by, now);
        // The sends run to their end whatever the request does: a delivery left pending is sent again at the next start.
        var sending = Task.WhenAll(deliveries.Select((d, i) => sender.DeliverAsync(d, message, firing.Recipients[i].Contact, CancellationToken.None)));
        try
        {
            await sending.WaitAsync(TestWait, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still trying (a slow gateway, a later round): the answer shows them pending; the record fills in.
        }
        var ids = deliveries.Concat(unreached).Select(d => d.Id).ToHashSet();
        return ChangeOutcome.Done<IReadOnlyList<Delivery>>([.. (await store.DeliveriesAsync(Guid.Empty, cancellationToken)).Where(d => ids.Contains(d.Id))]);
    }
}
