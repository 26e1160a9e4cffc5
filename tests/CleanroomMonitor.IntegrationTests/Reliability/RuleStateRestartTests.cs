using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.IntegrationTests.Reliability;

/// <summary>The service is SIGKILLed in the middle of an N-of-M particle breach and started again: the rule counters
/// come back from the snapshot, so the hit after the restart completes the breach, and exactly one excursion is raised.</summary>
public sealed class RuleStateRestartTests
{
    private const string Facility = """
        {
          "site": { "id": "rules", "name": "Rule restart", "timeZone": "UTC" },
          "rooms": [ { "id": "r1", "name": "Room", "grade": "C" } ],
          "sensors": [
            { "id": "pc", "room": "r1", "parameters": ["particles_5_0um"], "interval": "1m",
              "limits": { "particles_5_0um": { "alert": 30, "occurrences": { "n": 3, "m": 5 }, "delay": "1h", "justification": "single counts are scattered" } } }
          ]
        }
        """;

    [Fact]
    public async Task ServiceKilledMidNOfMBreach_HitAfterTheRestartRaisesExactlyOneExcursion()
    {
        await using var broker = await MosquittoProcess.StartAsync();
        await using var influx = await InfluxProcess.StartAsync(default);
        using var directory = new TempDirectory("rules");
        var facility = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facility, Facility);
        var records = directory.Combine("records.db");
        var environment = new ServiceSettings(broker.Port, influx.Url, "rules", directory.Path, facility)
        {
            MqttReconnectDelayMax = TimeSpan.FromSeconds(1),
            InfluxFlushInterval = TimeSpan.FromMilliseconds(100),
        };
        await using var publisher = new MqttClient(new MqttClientOptions { Port = broker.Port, ClientId = "rules-gateway", CleanSession = true },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        publisher.Start();
        await publisher.WaitUntilConnectedAsync(default);
        using var http = new HttpClient { BaseAddress = influx.Url };
        var client = new InfluxClient(http, Options.Create(new InfluxOptions { Url = influx.Url, Database = "rules" }), TimeProvider.System);
        var start = DateTimeOffset.UtcNow;
        var seq = 0;
        async Task SendAsync(long count)
        {
            // One ≥5.0 µm count in 28.3 L is 35/m³, at or above the alert level of 30; zero is clean.
            var ts = start.AddSeconds(seq).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            await publisher.PublishAsync("cleanroom/rules/r1/pc",
                Encoding.UTF8.GetBytes($$$"""{"ts":"{{{ts}}}","seq":{{{seq++}}},"counts":{"particles_5_0um":{{{count}}}},"volume_l":28.3}"""), 1, false, default);
        }

        var service = await CrashRecoveryTests.StartServiceAsync(environment);
        await SendAsync(1);
        await SendAsync(0);
        await SendAsync(1);
        await MonitorRig.WaitUntilAsync(async ct => await MonitorRig.CountAsync(client, "SELECT count(\"value\") FROM \"reading\"", ct) == 3,
            TimeSpan.FromSeconds(30), "the first three readings in InfluxDB");
        // The snapshot is saved on the engine's 1 s tick once readings were judged (docs/reliability.md): wait for the one
        // whose watermark is the third reading, read from the records file as the service writes it.
        var third = start.AddSeconds(2).ToUnixTimeMilliseconds();   // as published: to the millisecond
        await MonitorRig.WaitUntilAsync(async ct => (await RuleWatermarkAsync(records, ct))?.ToUnixTimeMilliseconds() == third, TimeSpan.FromSeconds(30),
            "the rule state snapshot holding the third reading");
        await service.StopAsync(kill: true);
        await service.DisposeAsync();

        service = await CrashRecoveryTests.StartServiceAsync(environment);
        await SendAsync(1);   // the third hit among the last five: the breach, only if the first two survived the kill
        await SendAsync(0);
        await SendAsync(0);
        await MonitorRig.WaitUntilAsync(async ct => await MonitorRig.CountAsync(client, "SELECT count(\"value\") FROM \"reading\"", ct) == 6,
            TimeSpan.FromSeconds(30), "all six readings in InfluxDB");
        await MonitorRig.WaitUntilAsync(async ct => await ScalarAsync(records, "SELECT count(*) FROM excursions WHERE kind = 'Particles'", ct) is "1",
            TimeSpan.FromSeconds(30), "the particle excursion in the records");
        await service.StopAsync();
        var log = service.Output;
        await service.DisposeAsync();

        using var store = new RecordStore(Options.Create(new RecordsOptions { Path = records }), NullLogger<RecordStore>.Instance);
        await store.InitializeAsync(default);
        var particles = (await store.ExcursionsAsync(new Core.Records.ExcursionQuery(Limit: 100), default)).Where(e => e.Kind == ExcursionKind.Particles).ToList();
        var excursion = Assert.Single(particles);
        Assert.Contains("3 of the last 5", excursion.Rule, StringComparison.Ordinal);
        Assert.Equal(start.AddSeconds(3).ToUnixTimeMilliseconds(), excursion.StartedAt.ToUnixTimeMilliseconds());
        Assert.Contains("Rule state of 1 sensor parameters restored", log, StringComparison.Ordinal);
        Assert.True((await store.VerifyAuditTrailAsync(default)).IsIntact);
    }

    /// <summary>The last reading time in the saved rule state, or null before the first save.</summary>
    private static async Task<DateTimeOffset?> RuleWatermarkAsync(string records, CancellationToken cancellationToken) =>
        await ScalarAsync(records, "SELECT record FROM rule_state", cancellationToken) is { } json
            ? RecordJson.Deserialize<RuleSnapshot>(json).Rules.Select(r => (DateTimeOffset?)r.State.LastAt).Max()
            : null;

    /// <summary>One value read from the records file while the service has it open (WAL lets a reader in beside the writer).</summary>
    private static async Task<string?> ScalarAsync(string records, string sql, CancellationToken cancellationToken)
    {
        if (!File.Exists(records))
        {
            return null;
        }
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = records, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
        }
        catch (SqliteException)
        {
            return null;   // the schema is not created yet
        }
    }
}
