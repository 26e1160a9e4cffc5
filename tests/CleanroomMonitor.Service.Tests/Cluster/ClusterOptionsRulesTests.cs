using CleanroomMonitor.Service.Cluster;
using CleanroomMonitor.Storage.Records;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Tests.Cluster;

public sealed class ClusterOptionsRulesTests
{
    private static readonly RecordsOptions Postgres = new() { Provider = RecordsProvider.Postgres, ConnectionString = "Host=127.0.0.1;Database=records" };

    [Fact]
    public void Validate_DefaultsWithPostgres_Succeeds()
    {
        var result = Rules(Postgres).Validate(null, new ClusterOptions { Enabled = true });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(TimeSpan.FromSeconds(5), new ClusterOptions().RenewInterval);
    }

    [Fact]
    public void Validate_EnabledOnSqlite_NamesBothSettings()
    {
        var result = Rules(new RecordsOptions()).Validate(null, new ClusterOptions { Enabled = true });

        Assert.True(result.Failed);
        Assert.Contains("Cluster:Enabled = 'True': expected Records:Provider = Postgres (it is 'Sqlite')", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RenewalTooRareForARetry_NamesTheValues()
    {
        var result = Rules(Postgres).Validate(null, new ClusterOptions { Enabled = true, LeaseDuration = TimeSpan.FromSeconds(10), RenewEvery = TimeSpan.FromSeconds(6) });

        Assert.Contains("Cluster:RenewEvery = '00:00:06': expected at most half of Cluster:LeaseDuration (00:00:10)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadPartitions_EveryProblemWithItsPath()
    {
        var options = new ClusterOptions { Enabled = true };
        options.Partitions.Add(Partition("West", "r1", "r2", "r3"));
        options.Partitions.Add(Partition("east", "r4", "r5", "r9"));

        var result = Rules(Postgres).Validate(null, options);

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains("Cluster:Partitions:0:Id = 'West': expected a partition id", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Cluster:Partitions:1:Rooms:2 = 'r9': expected the id of a room", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Cluster:Partitions = 'r6': expected every room of the facility in one partition", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodPartitions_Succeeds()
    {
        var options = new ClusterOptions { Enabled = true };
        options.Partitions.Add(Partition("west", "r1", "r2", "r3"));
        options.Partitions.Add(Partition("east", "r4", "r5", "r6"));

        Assert.True(Rules(Postgres).Validate(null, options).Succeeded);
    }

    private static ClusterOptionsRules Rules(RecordsOptions records) => new(Options.Create(records), ClusterFacility.Create());

    private static ClusterPartitionOptions Partition(string id, params string[] rooms)
    {
        var partition = new ClusterPartitionOptions { Id = id };
        foreach (var room in rooms)
        {
            partition.Rooms.Add(room);
        }
        return partition;
    }
}
