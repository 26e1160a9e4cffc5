using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Service.Tests.Doubles;

/// <summary>The notification records kept in dictionaries, for driving the dispatcher without SQLite (the SQLite store
/// has its own tests). Shared between a "before" and an "after" dispatcher to stand for a restart.</summary>
internal sealed class InMemoryNotificationRecords : INotificationRecords
{
    private readonly Lock _gate = new();
    private readonly List<StoredPlan> _plans = [];
    private readonly Dictionary<(Guid, string), Escalation> _escalations = [];
    private readonly Dictionary<Guid, Delivery> _deliveries = [];

    public List<AuditEntry> Audit { get; } = [];

    /// <summary>How many of the next saves fail as a record store that does not take a write would.</summary>
    public int FailingSaves { get; set; }

    public IReadOnlyList<Delivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries.Values.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)];
            }
        }
    }

    public Task<StoredPlan?> PlanAsync(CancellationToken cancellationToken) => Read(() => _plans.Count > 0 ? _plans[^1] : null);

    public Task<IReadOnlyList<StoredPlan>> PlanHistoryAsync(CancellationToken cancellationToken) => Read<IReadOnlyList<StoredPlan>>(() => [.. _plans]);

    public Task SavePlanAsync(StoredPlan plan, AuditEntry audit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _plans.Add(plan);
            Audit.Add(audit);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Escalation>> LiveEscalationsAsync(CancellationToken cancellationToken) =>
        Read<IReadOnlyList<Escalation>>(() => [.. _escalations.Values.Where(e => e.State != EscalationState.Stopped)]);

    public Task<IReadOnlyList<Escalation>> EscalationsOfAsync(Guid excursionId, CancellationToken cancellationToken) =>
        Read<IReadOnlyList<Escalation>>(() => [.. _escalations.Values.Where(e => e.ExcursionId == excursionId)]);

    public Task SaveAsync(IReadOnlyList<Escalation> escalations, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (FailingSaves > 0)
            {
                FailingSaves--;
                throw new Storage.Records.RecordStoreException("the record store did not take the write: disk I/O error");
            }
            foreach (var escalation in escalations)
            {
                _escalations[(escalation.ExcursionId, escalation.Route)] = escalation;
            }
            foreach (var delivery in deliveries)
            {
                _deliveries[delivery.Id] = delivery;
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Delivery>> PendingDeliveriesAsync(CancellationToken cancellationToken) =>
        Read<IReadOnlyList<Delivery>>(() => [.. _deliveries.Values.Where(d => d.Status == DeliveryStatus.Pending).OrderBy(d => d.CreatedAt)]);

    public Task<IReadOnlyList<Delivery>> DeliveriesAsync(Guid excursionId, CancellationToken cancellationToken) =>
        Read<IReadOnlyList<Delivery>>(() => [.. _deliveries.Values.Where(d => d.ExcursionId == excursionId).OrderBy(d => d.CreatedAt)]);

    public Task<IReadOnlyList<Delivery>> RecentDeliveriesAsync(int count, CancellationToken cancellationToken) =>
        Read<IReadOnlyList<Delivery>>(() => [.. _deliveries.Values.OrderByDescending(d => d.CreatedAt).Take(count)]);

    private Task<T> Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return Task.FromResult(read());
        }
    }
}
