using System.Data.Common;
using CleanroomMonitor.Core.Partitions;

namespace CleanroomMonitor.Storage.Cluster;

/// <summary>Fencing: the check a record write runs inside its own transaction, before writing, so that an owner that
/// lost its lease without knowing it yet (paused, cut off, slow) cannot write any more.</summary>
/// <remarks>The lease row is locked <c>FOR SHARE</c> until the write's transaction ends: a new owner's acquisition (an
/// update of that row) waits for the write to commit or roll back, so a fenced write is always wholly before the next
/// epoch begins. Expiry is judged by <c>clock_timestamp()</c>, the database's clock at the check, not <c>now()</c>
/// (the start of a transaction that may be old).</remarks>
public static class LeaseFence
{
    private const string Sql = """
        SELECT owner, epoch, expires_at > clock_timestamp() FROM partition_leases WHERE partition = $1 FOR SHARE
        """;

    /// <summary>Locks <paramref name="partition"/>'s lease row for the rest of <paramref name="transaction"/> and checks
    /// that <paramref name="epoch"/> is still its live epoch.</summary>
    /// <exception cref="LeaseFenceException">The epoch is no longer current, the lease expired, or the partition was never leased.</exception>
    public static async Task FenceAsync(DbTransaction transaction, PartitionId partition, long epoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has already ended.", nameof(transaction));
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        var parameter = command.CreateParameter();
        parameter.Value = partition.Value;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new LeaseFenceException(partition, epoch, "the partition has never been leased");
        }
        var (owner, current, isLive) = (reader.GetString(0), reader.GetInt64(1), reader.GetBoolean(2));
        if (current != epoch)
        {
            throw new LeaseFenceException(partition, epoch, $"the current epoch is {current} (owner '{owner}')");
        }
        if (!isLive)
        {
            throw new LeaseFenceException(partition, epoch, $"the lease of '{owner}' has expired");
        }
    }
}
