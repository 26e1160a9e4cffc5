using Npgsql;

namespace CleanroomMonitor.Storage.Cluster;

/// <summary>The instances' heartbeats (<c>cluster_instances</c>, <see cref="ClusterSchema"/>): each instance beats with
/// the same duration as its leases, so a dead instance drops out of the fair share when its leases expire.</summary>
public sealed class InstanceTable(NpgsqlDataSource dataSource)
{
    // One statement: the beat and the list are judged by the same database now().
    private const string BeatSql = """
        WITH beat AS (
            INSERT INTO cluster_instances AS i (instance, started_at, seen_at, expires_at)
            VALUES ($1, now(), now(), now() + $2)
            ON CONFLICT (instance) DO UPDATE SET seen_at = now(), expires_at = now() + $2
            RETURNING instance
        )
        SELECT instance FROM cluster_instances WHERE expires_at > now() AND instance <> $1
        UNION SELECT instance FROM beat
        """;

    private const string LeaveSql = "DELETE FROM cluster_instances WHERE instance = $1";

    /// <summary>Records that <paramref name="instance"/> is alive for <paramref name="duration"/> from the database's
    /// now, and returns every live instance (itself included).</summary>
    public async Task<IReadOnlyList<string>> BeatAsync(string instance, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        await using var command = dataSource.CreateCommand(BeatSql);
        command.Parameters.Add(new() { Value = instance });
        command.Parameters.Add(new() { Value = duration });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var live = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            live.Add(reader.GetString(0));
        }
        return live;
    }

    /// <summary>Removes <paramref name="instance"/> at a clean stop, so the others' shares grow at once.</summary>
    public async Task LeaveAsync(string instance, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LeaveSql);
        command.Parameters.Add(new() { Value = instance });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
