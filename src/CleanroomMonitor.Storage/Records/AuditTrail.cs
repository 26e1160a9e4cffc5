using CleanroomMonitor.Core.Records;
using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Appends to, reads and verifies the hash-chained <c>audit</c> table (see <see cref="AuditChain"/>).</summary>
internal static class AuditTrail
{
    // "user" quoted: a reserved word in PostgreSQL, an ordinary identifier in SQLite.
    private const string Columns = "sequence, at, \"user\", role, action, entity_type, entity_id, old_value, new_value, reason, previous_hash, hash";

    /// <summary>Appends inside the caller's write transaction, so the change and its audit entry commit together.</summary>
    public static async Task<AuditRecord> AppendAsync(DbConnection connection, DbTransaction transaction, AuditEntry entry,
        CancellationToken cancellationToken)
    {
        // The next number comes from the highest ever used (sqlite_sequence, or audit_sequence on PostgreSQL), not from
        // the last row: after entries were cut off the end, the new entry leaves a gap that verification reports instead
        // of hiding the cut.
        var dialect = RecordDialect.Of(connection);
        long sequence;
        string previousHash;
        await using (var tail = connection.Command(
            $"SELECT ({dialect.HighestAuditSequence}), (SELECT hash FROM audit ORDER BY sequence DESC LIMIT 1)",
            transaction))
        await using (var reader = await tail.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            sequence = (reader.IsDBNull(0) ? 0 : reader.GetInt64(0)) + 1;
            previousHash = reader.GetNullableString(1) ?? AuditChain.GenesisHash;
        }

        var row = AuditRow.From(entry);
        var hash = AuditChain.Hash(previousHash, sequence, row);
        await using var insert = connection.Command(
                $"INSERT INTO audit ({Columns}) VALUES (@sequence, @at, @user, @role, @action, @entityType, @entityId, @oldValue, @newValue, @reason, @previousHash, @hash)",
                transaction)
            .With("@sequence", sequence).With("@at", row.At).With("@user", row.User).With("@role", row.Role)
            .With("@action", row.Action).With("@entityType", row.EntityType).With("@entityId", row.EntityId)
            .With("@oldValue", row.OldValue).With("@newValue", row.NewValue).With("@reason", row.Reason)
            .With("@previousHash", previousHash).With("@hash", hash);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        if (dialect.AdvanceAuditSequence is { } advance)
        {
            await using var highest = connection.Command(advance, transaction).With("@sequence", sequence);
            await highest.ExecuteNonQueryAsync(cancellationToken);
        }
        return new AuditRecord(sequence, entry, previousHash, hash);
    }

    public static async Task<IReadOnlyList<AuditRecord>> ReadAsync(DbConnection connection, string? entityId, DateTimeOffset? since,
        DateTimeOffset? until, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
                $"SELECT {Columns} FROM audit WHERE (@entityId IS NULL OR entity_id = @entityId) " +
                "AND (@since IS NULL OR at >= @since) AND (@until IS NULL OR at <= @until) ORDER BY sequence")
            .With("@entityId", entityId)
            .With("@since", since is { } s ? RecordTime.ToText(s) : null)
            .With("@until", until is { } u ? RecordTime.ToText(u) : null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var (sequence, row, previousHash, hash) = ReadRow(reader);
            records.Add(new AuditRecord(sequence, row.ToEntry(), previousHash, hash));
        }
        return records;
    }

    /// <summary>The number of entries and the last hash (the genesis hash when empty), for the start-up log.</summary>
    public static async Task<(long Entries, string LastHash)> TailAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT (SELECT count(*) FROM audit), (SELECT hash FROM audit ORDER BY sequence DESC LIMIT 1)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetNullableString(1) ?? AuditChain.GenesisHash);
    }

    /// <summary>Walks the chain from sequence 1: every number present, every previous hash equal to its predecessor's
    /// hash, every hash equal to the recomputed one, nothing missing after the last row, and every checkpoint matched by
    /// the entry of its sequence.</summary>
    public static async Task<AuditVerification> VerifyAsync(DbConnection connection, IReadOnlyList<AuditCheckpoint> checkpoints,
        CancellationToken cancellationToken)
    {
        var byCheckpoint = checkpoints.GroupBy(c => c.Sequence).ToDictionary(g => g.Key, g => g.First());
        // One read transaction: the rows and the highest sequence come from the same snapshot while the writer goes on.
        var dialect = RecordDialect.Of(connection);
        await using var transaction = await dialect.BeginSnapshotAsync(connection, cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM audit ORDER BY sequence", transaction);
        var expectedSequence = 1L;
        var expectedPrevious = AuditChain.GenesisHash;
        var entries = 0L;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (sequence, row, previousHash, hash) = ReadRow(reader);
                if (sequence != expectedSequence)
                {
                    return Broken(entries, expectedSequence,
                        $"entries {expectedSequence}..{sequence - 1} are missing (the next stored entry is {sequence})");
                }
                if (!string.Equals(previousHash, expectedPrevious, StringComparison.Ordinal))
                {
                    return Broken(entries, sequence, $"entry {sequence} does not chain to its predecessor: previous hash {previousHash}, expected {expectedPrevious}");
                }
                var recomputed = AuditChain.Hash(previousHash, sequence, row);
                if (!string.Equals(hash, recomputed, StringComparison.Ordinal))
                {
                    return Broken(entries, sequence, $"entry {sequence} was changed after it was written: stored hash {hash}, content hashes to {recomputed}");
                }
                if (byCheckpoint.TryGetValue(sequence, out var checkpoint) && !string.Equals(checkpoint.Hash, hash, StringComparison.Ordinal))
                {
                    return Broken(entries, sequence, $"entry {sequence} is not the one checkpointed at {checkpoint.At:u} (hash {checkpoint.Hash}, now " +
                        $"{hash}): the trail was rewritten from here on, its hashes recomputed");
                }
                entries++;
                expectedSequence++;
                expectedPrevious = hash;
            }
        }
        if (checkpoints.Count > 0 && checkpoints.Max(c => c.Sequence) is var last && last >= expectedSequence)
        {
            return Broken(entries, expectedSequence, $"entries {expectedSequence}..{last} were checkpointed and are gone: the trail was cut short");
        }

        await using var highest = connection.Command(dialect.HighestAuditSequence, transaction);
        var highestEver = await highest.ExecuteScalarAsync(cancellationToken) is long seq ? seq : 0;
        if (highestEver >= expectedSequence)
        {
            return Broken(entries, expectedSequence, $"entries {expectedSequence}..{highestEver} were removed from the end of the trail");
        }
        return new AuditVerification(true, entries, null,
            entries == 0 ? "the audit trail is empty" : $"{entries} entries intact; last hash {expectedPrevious}");
    }

    private static AuditVerification Broken(long entries, long sequence, string detail) => new(false, entries, sequence, detail);

    private static (long Sequence, AuditRow Row, string PreviousHash, string Hash) ReadRow(DbDataReader reader) => (
        reader.GetInt64(0),
        new AuditRow(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.GetString(6), reader.GetNullableString(7), reader.GetNullableString(8), reader.GetNullableString(9)),
        reader.GetString(10),
        reader.GetString(11));
}
