using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Out-of-service periods (current-state rows, every change audited under the sensor's id) and the engine's
/// rule-state snapshot (one row, replaced in place, not audited: it is working state, not a record).</summary>
public sealed partial class RecordStore
{
    private const string RuleStateName = "excursion-engine";

    public Task SaveOutOfServiceAsync(OutOfServicePeriod period, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.OutOfServiceSaved(period, audit)], cancellationToken);

    private static async Task WriteOutOfServiceAsync(DbConnection connection, DbTransaction transaction, OutOfServicePeriod period,
        AuditEntry audit, CancellationToken cancellationToken)
    {
        var id = period.Id.ToString("D");
        var json = RecordJson.Serialize(period);
        var old = await ScalarTextAsync(connection, transaction, "SELECT record FROM out_of_service WHERE id = @key", id, cancellationToken);
        await using var upsert = connection.Command(
                "INSERT INTO out_of_service (id, sensor, room, from_at, record) VALUES (@id, @sensor, @room, @from, @record) " +
                "ON CONFLICT (id) DO UPDATE SET record = excluded.record", transaction)
            .With("@id", id).With("@sensor", period.Sensor.Value).With("@room", period.Room.Value)
            .With("@from", RecordTime.ToText(period.From)).With("@record", json);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, AuditEntity.Sensor, period.Sensor.Value, old, json), cancellationToken);
    }

    public async Task<IReadOnlyList<OutOfServicePeriod>> OutOfServiceAsync(CancellationToken cancellationToken) =>
        await ReadRecordsAsync<OutOfServicePeriod>("SELECT record FROM out_of_service ORDER BY from_at, id", _ => { }, cancellationToken);

    public async Task SaveRuleStateAsync(RuleSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var json = RecordJson.Serialize(snapshot);   // outside the write lock: one entry per sensor and parameter
        await WriteAsync(async (connection, transaction) =>
        {
            await using var upsert = connection.Command(
                    "INSERT INTO rule_state (name, saved_at, record) VALUES (@name, @at, @record) " +
                    "ON CONFLICT (name) DO UPDATE SET saved_at = excluded.saved_at, record = excluded.record", transaction)
                .With("@name", RuleStateName).With("@at", RecordTime.ToText(snapshot.TakenAt)).With("@record", json);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<RuleSnapshot?> RuleStateAsync(CancellationToken cancellationToken) =>
        (await ReadRecordsAsync<RuleSnapshot>("SELECT record FROM rule_state WHERE name = @name",
            command => command.With("@name", RuleStateName), cancellationToken)).SingleOrDefault();
}
