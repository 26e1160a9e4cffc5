using CleanroomMonitor.TestSupport;
using Npgsql;

namespace CleanroomMonitor.Storage.Tests.Postgres;

/// <summary>The PostgreSQL fixture itself: a real server that keeps committed rows across a clean stop and a SIGKILL,
/// and gives each test a database of its own.</summary>
public sealed class PostgresProcessTests
{
    [Fact]
    public async Task StopKillAndStartAgain_CommittedRowsSurviveBoth()
    {
        await using var server = await PostgresProcess.StartAsync();
        var database = await server.CreateDatabaseAsync();
        await PostgresProcess.ExecuteAsync(database, "CREATE TABLE readings (id int PRIMARY KEY); INSERT INTO readings VALUES (1)");

        await server.StopAsync();
        Assert.False(server.IsRunning);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => PostgresProcess.ExecuteAsync(database, "SELECT 1"));
        await server.StartAgainAsync();
        await PostgresProcess.ExecuteAsync(database, "INSERT INTO readings VALUES (2)");
        await server.StopAsync(kill: true);
        await server.StartAgainAsync();

        Assert.Equal(2L, await PostgresProcess.ScalarAsync(database, "SELECT count(*) FROM readings"));
        var other = await server.CreateDatabaseAsync();
        Assert.NotEqual(database, other);
        Assert.Equal(0L, await PostgresProcess.ScalarAsync(other, "SELECT count(*) FROM pg_tables WHERE tablename = 'readings'"));
    }
}
