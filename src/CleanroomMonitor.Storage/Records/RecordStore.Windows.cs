using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Declared room windows (operation, non-monitoring): one current-state row per window, every declaration and
/// early end audited under the room's id. Kept so that a restart neither drops a window (a room in operation would
/// fall back to at-rest limits, a non-monitoring window would stop suppressing judgement) nor forgets when one ends.</summary>
public sealed partial class RecordStore
{
    public Task SaveRoomWindowAsync(RoomWindow window, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.RoomWindowSaved(window, audit)], cancellationToken);

    private static async Task WriteRoomWindowAsync(DbConnection connection, DbTransaction transaction, RoomWindow window, AuditEntry audit,
        CancellationToken cancellationToken)
    {
        var json = RecordJson.Serialize(window);
        var old = await ScalarTextAsync(connection, transaction, "SELECT record FROM room_windows WHERE id = @key", window.Id.ToString("D"), cancellationToken);
        await UpsertRoomWindowAsync(connection, transaction, window, json, cancellationToken);
        await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, AuditEntity.Room, window.Room.Value, old, json), cancellationToken);
    }

    public async Task<IReadOnlyList<RoomWindow>> RoomWindowsAsync(CancellationToken cancellationToken) =>
        await ReadRecordsAsync<RoomWindow>("SELECT record FROM room_windows ORDER BY from_at, id", _ => { }, cancellationToken);

    /// <summary>Writes the row of <paramref name="window"/> (<paramref name="json"/> is its <see cref="RecordJson"/>); shared
    /// with <see cref="RecordSchemaUpgrade"/>, which takes windows from the audit trail.</summary>
    internal static async Task UpsertRoomWindowAsync(DbConnection connection, DbTransaction transaction, RoomWindow window, string json,
        CancellationToken cancellationToken)
    {
        await using var upsert = connection.Command(
                "INSERT INTO room_windows (id, room, kind, from_at, to_at, record) VALUES (@id, @room, @kind, @from, @to, @record) " +
                "ON CONFLICT (id) DO UPDATE SET room = excluded.room, kind = excluded.kind, from_at = excluded.from_at, to_at = excluded.to_at, " +
                "record = excluded.record", transaction)
            .With("@id", window.Id.ToString("D")).With("@room", window.Room.Value).With("@kind", window.Kind.ToString())
            .With("@from", RecordTime.ToText(window.From)).With("@to", RecordTime.ToText(window.To)).With("@record", json);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
