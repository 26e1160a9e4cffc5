using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Notifications;

/// <summary>Where notifications keep what must survive a restart and what QA reads afterwards: the plan's versions
/// (audited), the escalations' timers, and the delivery record. Beside the GMP records, in the same store.</summary>
public interface INotificationRecords
{
    /// <summary>The plan in force (the last saved), or null when none was ever saved.</summary>
    Task<StoredPlan?> PlanAsync(CancellationToken cancellationToken);

    /// <summary>Every saved version of the plan, oldest first.</summary>
    Task<IReadOnlyList<StoredPlan>> PlanHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Saves a new version of the plan with its audit entry, in one transaction.</summary>
    Task SavePlanAsync(StoredPlan plan, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Escalations not stopped, for the dispatcher at start.</summary>
    Task<IReadOnlyList<Escalation>> LiveEscalationsAsync(CancellationToken cancellationToken);

    /// <summary>Every escalation of one excursion, stopped ones included.</summary>
    Task<IReadOnlyList<Escalation>> EscalationsOfAsync(Guid excursionId, CancellationToken cancellationToken);

    /// <summary>Saves escalation moves and the deliveries they planned (or finished) in one transaction.</summary>
    Task SaveAsync(IReadOnlyList<Escalation> escalations, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken);

    /// <summary>Deliveries saved as pending and never finished: a restart sends them.</summary>
    Task<IReadOnlyList<Delivery>> PendingDeliveriesAsync(CancellationToken cancellationToken);

    /// <summary>The deliveries of one excursion (or, for <see cref="Guid.Empty"/>, every test notification), oldest first.</summary>
    Task<IReadOnlyList<Delivery>> DeliveriesAsync(Guid excursionId, CancellationToken cancellationToken);

    /// <summary>The newest deliveries of every excursion, newest first.</summary>
    Task<IReadOnlyList<Delivery>> RecentDeliveriesAsync(int count, CancellationToken cancellationToken);
}
