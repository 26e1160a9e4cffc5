using CleanroomMonitor.Core.Records;
using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Batches;
using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Fills what a newer schema version adds to a file of an older one, inside the transaction that creates the
/// new tables and sets the version (<see cref="RecordDatabase.OpenWriterAsync"/>).</summary>
internal static class RecordSchemaUpgrade
{
    /// <returns>What was done, one line per step; empty for a new file or one of the current version.</returns>
    public static async Task<IReadOnlyList<string>> RunAsync(DbConnection connection, DbTransaction transaction, int previousVersion,
        CancellationToken cancellationToken)
    {
        var steps = new List<string>();
        if (previousVersion is > 0 and < 2)
        {
            var windows = await RoomWindowsFromAuditAsync(connection, transaction, cancellationToken);
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"room_windows: {windows} window(s) taken from the audit trail"));
        }
        if (previousVersion is > 0 and < 3)
        {
            // Nothing to fill: no release before version 3 could sign a breach review.
            steps.Add("breach_reviews: table added (no reviews existed before)");
        }
        if (previousVersion is > 0 and < 4)
        {
            // Nothing to fill: no release before version 4 notified people; open excursions start their routes at the next start.
            steps.Add("notification_plans, escalations, notification_deliveries: tables added (nothing was notified before)");
        }
        if (previousVersion is > 0 and < 5)
        {
            // Nothing to fill: no release before version 5 stored OQ runs.
            steps.Add("qualification_runs, qualification_signatures, qualification_dispositions: tables added (no OQ run was stored before)");
        }
        if (previousVersion is > 0 and < 6)
        {
            // Nothing to fill: no release before version 6 signed or issued a batch report; every report starts at version 1.
            steps.Add("report_signatures, report_reissues, report_issues: tables added (no batch report was issued before)");
        }
        if (previousVersion is > 0 and < 7)
        {
            // Nothing to fill: no release before version 7 changed limits in the application; the facility file stays the
            // baseline. The next start records once each limit set whose version text now includes its justification.
            steps.Add("limit_changes, limit_change_signatures, limit_change_evidence: tables added (limits changed only in the facility file before)");
            // Nothing to fill: no release before version 7 made or signed a trend report.
            steps.Add("trend_report_reviews: table added (no trend report was reviewed before)");
            // Nothing to fill: no release before version 7 kept a calibration register.
            steps.Add("instrument_assets, calibrations, instrument_relocations: tables added (no calibration register was kept before)");
        }
        return steps;
    }

    /// <summary>Version 1 held declared windows only in the engine's memory, but audited every declaration and early end
    /// with the window as its new value. The last such entry of each window is its current state, so the upgrade restart
    /// itself keeps an open window. No audit entry is written: each row is the new value of an entry already in the trail.</summary>
    private static async Task<int> RoomWindowsFromAuditAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<Guid, (RoomWindow Window, string Json)>();
        await using (var command = connection.Command(
                "SELECT sequence, new_value FROM audit WHERE entity_type = @entity AND action IN (@declared, @ended) AND new_value IS NOT NULL " +
                "ORDER BY sequence", transaction)
            .With("@entity", AuditEntity.Room)
            .With("@declared", AuditAction.WindowDeclared).With("@ended", AuditAction.WindowEnded))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var json = reader.GetString(1);
                RoomWindow window;
                try
                {
                    window = RecordJson.Deserialize<RoomWindow>(json);
                }
                catch (JsonException ex)
                {
                    throw new RecordStoreException(string.Create(CultureInfo.InvariantCulture,
                        $"Cannot upgrade the record store to schema {RecordSchema.Version}: audit entry {reader.GetInt64(0)} should hold a room window " +
                        $"but does not ({ex.Message}). Nothing was changed; keep the file for the investigation."), ex);
                }
                latest[window.Id] = (window, json);
            }
        }
        foreach (var (window, json) in latest.Values)
        {
            await RecordStore.UpsertRoomWindowAsync(connection, transaction, window, json, cancellationToken);
        }
        return latest.Count;
    }
}
