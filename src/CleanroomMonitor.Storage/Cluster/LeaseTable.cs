using CleanroomMonitor.Core.Partitions;
using Npgsql;

namespace CleanroomMonitor.Storage.Cluster;

/// <summary>The partition leases in PostgreSQL (<c>partition_leases</c>, <see cref="ClusterSchema"/>). Each operation is
/// one statement, so PostgreSQL's row lock decides every race, and every expiry is judged by the database's clock
/// (<c>now()</c>), never an instance's: clock skew between machines cannot make two owners.</summary>
public sealed class LeaseTable(NpgsqlDataSource dataSource)
{
    // Free (no row), expired, or already ours: take it. The epoch grows at every change of owner and also when our own
    // lease had expired (our earlier tenure may have left work in flight that must not pass the fence); renewing our
    // live lease keeps it. A racer blocked on the row lock re-checks the WHERE against the winner's row and gets nothing.
    private const string AcquireSql = """
        INSERT INTO partition_leases AS l (partition, owner, epoch, acquired_at, renewed_at, expires_at)
        VALUES ($1, $2, 1, now(), now(), now() + $3)
        ON CONFLICT (partition) DO UPDATE SET
            owner = excluded.owner,
            epoch = CASE WHEN l.owner = excluded.owner AND l.expires_at > now() THEN l.epoch ELSE l.epoch + 1 END,
            acquired_at = CASE WHEN l.owner = excluded.owner AND l.expires_at > now() THEN l.acquired_at ELSE now() END,
            renewed_at = now(),
            expires_at = now() + $3
        WHERE l.owner = excluded.owner OR l.expires_at <= now()
        RETURNING partition, owner, epoch, expires_at
        """;

    private const string RenewSql = """
        UPDATE partition_leases SET renewed_at = now(), expires_at = now() + $4
        WHERE partition = $1 AND owner = $2 AND epoch = $3 AND expires_at > now()
        RETURNING partition, owner, epoch, expires_at
        """;

    // The row stays (with its epoch) and simply ends now: the next owner's epoch is this one plus one.
    private const string ReleaseSql = """
        UPDATE partition_leases SET expires_at = now()
        WHERE partition = $1 AND owner = $2 AND epoch = $3 AND expires_at > now()
        """;

    private const string ListSql = """
        SELECT partition, owner, epoch, expires_at, expires_at > now() FROM partition_leases ORDER BY partition
        """;

    /// <summary>Takes <paramref name="partition"/> for <paramref name="owner"/> when it is free, expired, or already
    /// <paramref name="owner"/>'s; null when another instance holds it with a live lease.</summary>
    public async Task<Lease?> TryAcquireAsync(PartitionId partition, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        await using var command = dataSource.CreateCommand(AcquireSql);
        command.Parameters.Add(new() { Value = partition.Value });
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = duration });
        return await SingleLeaseAsync(command, cancellationToken);
    }

    /// <summary>Extends <paramref name="lease"/> by <paramref name="duration"/> from the database's now; null when it is
    /// no longer held (another owner, a newer epoch, or already expired: an expired lease is never revived).</summary>
    public async Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        await using var command = dataSource.CreateCommand(RenewSql);
        AddLease(command, lease);
        command.Parameters.Add(new() { Value = duration });
        return await SingleLeaseAsync(command, cancellationToken);
    }

    /// <summary>Ends <paramref name="lease"/> now, so another instance can take the partition at once; false when it was
    /// no longer held.</summary>
    public async Task<bool> ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand(ReleaseSql);
        AddLease(command, lease);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Every lease row, live or expired, by partition id.</summary>
    public async Task<IReadOnlyList<LeaseRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<LeaseRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new LeaseRow(ReadLease(reader), reader.GetBoolean(4)));
        }
        return rows;
    }

    private static void AddLease(NpgsqlCommand command, Lease lease)
    {
        command.Parameters.Add(new() { Value = lease.Partition.Value });
        command.Parameters.Add(new() { Value = lease.Owner });
        command.Parameters.Add(new() { Value = lease.Epoch });
    }

    private static async Task<Lease?> SingleLeaseAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadLease(reader) : null;
    }

    private static Lease ReadLease(NpgsqlDataReader reader) =>
        new(new PartitionId(reader.GetString(0)), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3));
}
