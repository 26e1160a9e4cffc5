using System.Collections.Frozen;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The report's extract of the audit trail (docs/gmp.md §8-§9): every entry in the period about the batch, its
/// rooms, the limits of their sensors, plus the whole history of the batch and of every excursion touching it (their
/// acknowledgements and closures are often signed after the period). Among them, "data changed after first entry"
/// (Annex 11 §8.2): an entry that replaces an earlier value and is not one of a record's normal moves.</summary>
internal static class ReportAudit
{
    /// <summary>The normal life of records: a change from one of these is the record's workflow, not an edit of its data.</summary>
    private static readonly FrozenSet<string> Moves = new[]
    {
        AuditAction.BatchStarted, AuditAction.BatchEnded, AuditAction.RoomStateChanged, AuditAction.WindowDeclared, AuditAction.RoomLeased,
        AuditAction.LimitsRecorded,
    }.Concat(new[]
    {
        ExcursionAction.Raised, ExcursionAction.Escalated, ExcursionAction.BatchLinked, ExcursionAction.Returned, ExcursionAction.Acknowledged,
        ExcursionAction.Shelved, ExcursionAction.Closed,
    }.Select(AuditAction.OfExcursion)).ToFrozenSet(StringComparer.Ordinal);

    public static async Task<(IReadOnlyList<ReportAuditEntry> Trail, IReadOnlyList<ReportAuditEntry> DataChanges)> ExtractAsync(IRecordStore records,
        Batch batch, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<Excursion> excursions, IReadOnlyCollection<Sensor> sensors,
        CancellationToken cancellationToken)
    {
        var rooms = batch.Rooms.Select(r => r.Value).ToHashSet(StringComparer.Ordinal);
        var excursionIds = excursions.Select(e => e.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        var sensorPrefixes = sensors.Select(s => s.Id.Value + "/").ToList();
        bool InScope(AuditEntry e) => e.EntityType switch
        {
            AuditEntity.Batch => e.EntityId == batch.Number,
            AuditEntity.Room => rooms.Contains(e.EntityId),
            AuditEntity.Excursion => excursionIds.Contains(e.EntityId),
            AuditEntity.LimitSet => sensorPrefixes.Exists(p => e.EntityId.StartsWith(p, StringComparison.Ordinal)),
            AuditEntity.Facility => true,
            _ => false,
        };

        var selected = new SortedDictionary<long, AuditRecord>();
        foreach (var record in await records.AuditTrailAsync(null, from, to, cancellationToken))
        {
            if (InScope(record.Entry))
            {
                selected[record.Sequence] = record;
            }
        }
        foreach (var entityId in excursionIds.Append(batch.Number))
        {
            foreach (var record in await records.AuditTrailAsync(entityId, null, null, cancellationToken))
            {
                if (InScope(record.Entry))
                {
                    selected[record.Sequence] = record;
                }
            }
        }
        var trail = selected.Values.Select(ToReport).ToList();
        var changes = trail.Where(e => e.OldValue is not null && !Moves.Contains(e.Action)).ToList();
        return (trail, changes);
    }

    private static ReportAuditEntry ToReport(AuditRecord record) => new(record.Sequence, record.Entry.At, record.Entry.User, record.Entry.Role,
        record.Entry.Action, record.Entry.EntityType, record.Entry.EntityId, record.Entry.OldValue, record.Entry.NewValue, record.Entry.Reason);
}
