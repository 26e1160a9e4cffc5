using Npgsql;

namespace CleanroomMonitor.Storage.Cluster;

/// <summary>The two tables that share a site's partitions between instances: <c>partition_leases</c> (one row per
/// partition ever leased; the row is never deleted, so its epoch only grows) and <c>cluster_instances</c> (the live
/// instances' heartbeats, from which each instance computes its fair share).</summary>
public static class ClusterSchema
{
    // Instances starting together would race on CREATE TABLE IF NOT EXISTS (a unique violation in the catalogue):
    // a transaction-scoped advisory lock lets one create and the others find the tables there.
    private const string Sql = """
        SELECT pg_advisory_xact_lock(hashtext('cleanroom_monitor.cluster_schema'));
        CREATE TABLE IF NOT EXISTS partition_leases (
            partition   text        PRIMARY KEY,
            owner       text        NOT NULL,
            epoch       bigint      NOT NULL CHECK (epoch > 0),
            acquired_at timestamptz NOT NULL,
            renewed_at  timestamptz NOT NULL,
            expires_at  timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS cluster_instances (
            instance    text        PRIMARY KEY,
            started_at  timestamptz NOT NULL,
            seen_at     timestamptz NOT NULL,
            expires_at  timestamptz NOT NULL
        );
        """;

    /// <summary>Creates the tables when missing; safe to call from every instance at every start.</summary>
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
