using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Records;
using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Limit changes under change control (docs/gmp.md "Limit changes under change control"), since schema 7: the
/// proposal once, its one decision once (the unique change id lets only one of two people deciding at the same moment
/// win), evidence appended; each with its audit entry under the change's id, never changed or deleted (triggers refuse both).</summary>
public sealed partial class RecordStore : ILimitChangeRecords
{
    public async Task<IReadOnlyList<LimitChangeHistory>> LimitChangesAsync(CancellationToken cancellationToken)
    {
        var changes = await ReadRecordsAsync<LimitChange>("SELECT record FROM limit_changes ORDER BY proposed_at, id", _ => { }, cancellationToken);
        var decisions = (await ReadRecordsAsync<LimitChangeSignature>("SELECT record FROM limit_change_signatures ORDER BY sequence", _ => { }, cancellationToken))
            .ToDictionary(d => d.Change);
        var evidence = (await ReadEvidenceAsync(null, cancellationToken)).ToLookup(e => e.Change);
        return [.. changes.Select(c => new LimitChangeHistory(c, decisions.GetValueOrDefault(c.Id), [.. evidence[c.Id]]))];
    }

    public async Task<LimitChangeHistory?> FindLimitChangeAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = id.ToString();
        if ((await ReadRecordsAsync<LimitChange>("SELECT record FROM limit_changes WHERE id = @id", c => c.With("@id", key), cancellationToken))
            .SingleOrDefault() is not { } change)
        {
            return null;
        }
        var decision = (await ReadRecordsAsync<LimitChangeSignature>("SELECT record FROM limit_change_signatures WHERE change_id = @id",
            c => c.With("@id", key), cancellationToken)).SingleOrDefault();
        return new LimitChangeHistory(change, decision, await ReadEvidenceAsync(id, cancellationToken));
    }

    public async Task SaveLimitChangeAsync(LimitChange change, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(audit);
        var json = RecordJson.Serialize(change);
        var id = change.Id.ToString();
        if (!await InsertOnceAsync(
                "INSERT INTO limit_changes (id, room, sensor, parameter, reason, effective_at, proposed_by, role, tenant, proposed_at, record) " +
                "VALUES (@id, @room, @sensor, @parameter, @reason, @effective, @by, @role, @tenant, @at, @record) ON CONFLICT (id) DO NOTHING",
                command => command.With("@id", id).With("@room", change.Room.Value).With("@sensor", change.Sensor?.Value)
                    .With("@parameter", change.Parameter.ToString()).With("@reason", change.Reason).With("@effective", RecordTime.ToText(change.EffectiveAt))
                    .With("@by", change.ProposedBy).With("@role", change.ProposedRole).With("@tenant", change.Tenant)
                    .With("@at", RecordTime.ToText(change.ProposedAt)).With("@record", json),
                ForEntity(audit, AuditEntity.LimitChange, id, null, json), cancellationToken))
        {
            // Ids are new GUIDs: a second insert of one is a caller bug, not a race.
            throw new RecordStoreException($"Limit change {id} is stored already.");
        }
    }

    public Task<bool> SaveLimitChangeDecisionAsync(LimitChangeSignature decision, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(audit);
        var json = RecordJson.Serialize(decision);
        var id = decision.Change.ToString();
        var signature = decision.Signature;
        // The approval's entry carries old → new as the caller built it; the others the decision itself.
        return InsertOnceAsync(
            "INSERT INTO limit_change_signatures (change_id, \"user\", role, meaning, reason, signed_at, effective_at, record) " +
            "SELECT @id, @user, @role, @meaning, @reason, @signed, @effective, @record WHERE EXISTS (SELECT 1 FROM limit_changes WHERE id = @id) " +
            "ON CONFLICT (change_id) DO NOTHING",
            command => command.With("@id", id).With("@user", signature.UserName).With("@role", signature.Role).With("@meaning", signature.Meaning)
                .With("@reason", decision.Reason).With("@signed", RecordTime.ToText(signature.At))
                .With("@effective", decision.EffectiveAt is { } at ? RecordTime.ToText(at) : null).With("@record", json),
            ForEntity(audit, AuditEntity.LimitChange, id, audit.OldValue, audit.NewValue ?? json), cancellationToken);
    }

    public async Task<LimitChangeEvidence> AddLimitChangeEvidenceAsync(Guid change, string kind, string json, string addedBy, DateTimeOffset addedAt,
        AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(addedBy);
        ArgumentNullException.ThrowIfNull(audit);
        var id = change.ToString();
        long sequence = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            await using var insert = connection.Command(
                    "INSERT INTO limit_change_evidence (change_id, kind, json, added_by, added_at) " +
                    "SELECT @id, @kind, @json, @by, @at WHERE EXISTS (SELECT 1 FROM limit_changes WHERE id = @id) RETURNING sequence", transaction)
                .With("@id", id).With("@kind", kind).With("@json", json).With("@by", addedBy).With("@at", RecordTime.ToText(addedAt));
            sequence = await insert.ExecuteScalarAsync(cancellationToken) is long s
                ? s
                : throw new RecordStoreException($"No limit change {id} to add evidence to.");
            await AuditTrail.AppendAsync(connection, transaction,
                ForEntity(audit, AuditEntity.LimitChange, id, null, RecordJson.Serialize(new { kind, sequence, json })), cancellationToken);
        }, cancellationToken);
        return new LimitChangeEvidence(sequence, change, kind, json, addedBy, addedAt);
    }

    public async Task<IReadOnlyList<LimitChangeEvidence>> LimitChangeEvidenceAsync(Guid change, CancellationToken cancellationToken) =>
        await ReadEvidenceAsync(change, cancellationToken);

    private async Task<IReadOnlyList<LimitChangeEvidence>> ReadEvidenceAsync(Guid? change, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            "SELECT sequence, change_id, kind, json, added_by, added_at FROM limit_change_evidence WHERE @id IS NULL OR change_id = @id ORDER BY sequence")
            .With("@id", change?.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var evidence = new List<LimitChangeEvidence>();
        while (await reader.ReadAsync(cancellationToken))
        {
            evidence.Add(new LimitChangeEvidence(reader.GetInt64(0), Guid.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), RecordTime.Parse(reader.GetString(5))));
        }
        return evidence;
    }
}
