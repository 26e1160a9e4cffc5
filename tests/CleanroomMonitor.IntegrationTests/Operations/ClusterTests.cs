using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.IntegrationTests.Operations;

/// <summary>The whole service with <c>Cluster:Enabled</c>: the leases in a real PostgreSQL, the partitions in /readyz and
/// /metrics; and the start-up refusal when the records are not in PostgreSQL.</summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task Start_ClusterEnabled_ReadyzAndMetricsNameTheOwnedPartitionsWithEpochs()
    {
        await using var postgres = await PostgresProcess.StartAsync();
        await using var broker = await MosquittoProcess.StartAsync();
        await using var rig = await OperationsRig.StartAsync(broker);
        var metricsPort = FreePort.Next();

        await rig.StartServiceAsync(new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:0;http://127.0.0.1:{metricsPort}",
            ["Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            ["Records:Provider"] = "Postgres",
            ["Records:ConnectionString"] = await postgres.CreateDatabaseAsync(),
            ["Cluster:Enabled"] = "true",
            ["Cluster:InstanceId"] = "monitor-1",
            ["Cluster:LeaseDuration"] = "00:00:03",
            ["Cluster:Partitions:0:Id"] = "suite-1",
            ["Cluster:Partitions:0:Rooms:0"] = "cr1",
            ["Cluster:Partitions:0:Rooms:1"] = "al1",
        });

        string? description = null;
        await Eventually.UntilAsync(async ct =>
        {
            var report = JsonDocument.Parse(await rig.Http.GetStringAsync(new Uri("/readyz", UriKind.Relative), ct)).RootElement;
            description = report.GetProperty("checks").GetProperty("partitions").GetProperty("description").GetString();
            return description!.Contains("owns 1 of 1", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), "the instance owns its one partition", () => Task.FromResult(description ?? "no answer"));
        Assert.Equal("instance monitor-1 owns 1 of 1 partitions: suite-1 (epoch 1)", description);
        using var anonymous = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = await anonymous.GetStringAsync(new Uri(rig.Addresses.Single(a => a.Port == metricsPort), "/metrics"));
        Assert.Contains("cleanroom_partition_owned{partition=\"suite-1\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("cleanroom_partition_epoch{partition=\"suite-1\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains(rig.Logs.Entries, e => e.Text.Contains("Partition suite-1 acquired by monitor-1 in epoch 1", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Logs.Entries, e => e.Category.Contains("Cluster", StringComparison.Ordinal) && e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Start_ClusterEnabledOnSqlite_RefusedNamingBothSettings()
    {
        using var directory = new TempDirectory("cluster-sqlite");
        var facility = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facility, MonitorRig.FacilityJson);
        await using var app = CleanroomMonitorApp.Build([], new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Facility:File"] = facility,
            ["Mqtt:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Buffer:Path"] = directory.Combine("buffer"),
            ["Records:Path"] = directory.Combine("records.db"),
            ["Cluster:Enabled"] = "true",
            ["Cluster:Partitions:0:Id"] = "suite-1",
            ["Cluster:Partitions:0:Rooms:0"] = "cr1",
        }, logging => logging.ClearProviders());

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Cluster:Enabled = 'True': expected Records:Provider = Postgres (it is 'Sqlite')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Partitions = 'al1': expected every room of the facility in one partition", ex.Message, StringComparison.Ordinal);
    }
}
