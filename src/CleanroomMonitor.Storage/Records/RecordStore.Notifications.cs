using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Records;
using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>What notifications keep (docs/notifications.md): the plan's versions, append-only and audited; the
/// escalations' timers, replaced in place; the delivery record, one row per notification, updated with its attempts and
/// never deleted.</summary>
public sealed partial class RecordStore : INotificationRecords
{
    /// <summary>The entity id the plan's audit entries are filed under.</summary>
    public const string PlanEntityId = "plan";

    public async Task<StoredPlan?> PlanAsync(CancellationToken cancellationToken) =>
        await ReadRecordsAsync<StoredPlan>("SELECT record FROM notification_plans ORDER BY sequence DESC LIMIT 1", _ => { }, cancellationToken)
            is [var plan] ? plan : null;

    public async Task<IReadOnlyList<StoredPlan>> PlanHistoryAsync(CancellationToken cancellationToken) =>
        await ReadRecordsAsync<StoredPlan>("SELECT record FROM notification_plans ORDER BY sequence", _ => { }, cancellationToken);

    public Task SavePlanAsync(StoredPlan plan, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(audit);
        return WriteAsync(async (connection, transaction) =>
        {
            var json = RecordJson.Serialize(plan);
            await using var last = connection.Command("SELECT record FROM notification_plans ORDER BY sequence DESC LIMIT 1", transaction);
            var previous = await last.ExecuteScalarAsync(cancellationToken) as string;
            await using var insert = connection.Command("INSERT INTO notification_plans (version, saved_at, record) VALUES (@version, @at, @record)", transaction)
                .With("@version", plan.Version).With("@at", RecordTime.ToText(plan.SavedAt)).With("@record", json);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, AuditEntity.NotificationPlan, PlanEntityId, previous, json), cancellationToken);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Escalation>> LiveEscalationsAsync(CancellationToken cancellationToken) =>
        await ReadRecordsAsync<Escalation>("SELECT record FROM escalations WHERE state <> @stopped ORDER BY excursion_id, route",
            command => command.With("@stopped", nameof(EscalationState.Stopped)), cancellationToken);

    public async Task<IReadOnlyList<Escalation>> EscalationsOfAsync(Guid excursionId, CancellationToken cancellationToken) =>
        await ReadRecordsAsync<Escalation>("SELECT record FROM escalations WHERE excursion_id = @id ORDER BY route",
            command => command.With("@id", excursionId.ToString("D")), cancellationToken);

    public Task SaveAsync(IReadOnlyList<Escalation> escalations, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalations);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (escalations.Count == 0 && deliveries.Count == 0)
        {
            return Task.CompletedTask;
        }
        return WriteAsync(async (connection, transaction) =>
        {
            foreach (var escalation in escalations)
            {
                await using var upsert = connection.Command(
                        "INSERT INTO escalations (excursion_id, route, state, record) VALUES (@id, @route, @state, @record) " +
                        "ON CONFLICT (excursion_id, route) DO UPDATE SET state = excluded.state, record = excluded.record", transaction)
                    .With("@id", escalation.ExcursionId.ToString("D")).With("@route", escalation.Route).With("@state", escalation.State.ToString())
                    .With("@record", RecordJson.Serialize(escalation));
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
            foreach (var delivery in deliveries)
            {
                await using var upsert = connection.Command(
                        "INSERT INTO notification_deliveries (id, excursion_id, created_at, status, record) VALUES (@id, @excursion, @at, @status, @record) " +
                        "ON CONFLICT (id) DO UPDATE SET status = excluded.status, record = excluded.record", transaction)
                    .With("@id", delivery.Id.ToString("D")).With("@excursion", delivery.ExcursionId.ToString("D"))
                    .With("@at", RecordTime.ToText(delivery.CreatedAt)).With("@status", delivery.Status.ToString())
                    .With("@record", RecordJson.Serialize(delivery));
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Delivery>> PendingDeliveriesAsync(CancellationToken cancellationToken) =>
        await ReadRecordsAsync<Delivery>("SELECT record FROM notification_deliveries WHERE status = @pending ORDER BY created_at, id",
            command => command.With("@pending", nameof(DeliveryStatus.Pending)), cancellationToken);

    public async Task<IReadOnlyList<Delivery>> DeliveriesAsync(Guid excursionId, CancellationToken cancellationToken) =>
        await ReadRecordsAsync<Delivery>("SELECT record FROM notification_deliveries WHERE excursion_id = @id ORDER BY created_at, id",
            command => command.With("@id", excursionId.ToString("D")), cancellationToken);

    public async Task<IReadOnlyList<Delivery>> RecentDeliveriesAsync(int count, CancellationToken cancellationToken) =>
        await ReadRecordsAsync<Delivery>("SELECT record FROM notification_deliveries ORDER BY created_at DESC, id LIMIT @count",
            command => command.With("@count", count), cancellationToken);
}
