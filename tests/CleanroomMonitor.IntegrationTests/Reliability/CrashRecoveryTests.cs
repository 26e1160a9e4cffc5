using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.IntegrationTests.Reliability;

/// <summary>The service is SIGKILLed under load and started again: every reading the gateway sent is in InfluxDB (the broker
/// sends again what the killed service had not acknowledged, since it acknowledges only after the durable commit), none is
/// stored twice, no sequence gap is reported, and the buffer survives the kill.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task ServiceKilledUnderLoad_RestartsWithNothingLostAndNoDuplicates()
    {
        await using var broker = await MosquittoProcess.StartAsync();
        await using var influx = await InfluxProcess.StartAsync(default);
        using var directory = new TempDirectory("crash");
        var facility = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facility, MonitorRig.FacilityJson);
        var records = directory.Combine("records.db");
        var environment = new ServiceSettings(broker.Port, influx.Url, "crash", directory.Path, facility)
        {
            MqttReconnectDelayMax = TimeSpan.FromSeconds(1),
            InfluxFlushInterval = TimeSpan.FromMilliseconds(100),
        };
        await using var publisher = new MqttClient(new MqttClientOptions { Port = broker.Port, ClientId = "crash-gateway", CleanSession = true, MaxInflight = 200 },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        publisher.Start();
        await publisher.WaitUntilConnectedAsync(default);
        using var http = new HttpClient { BaseAddress = influx.Url };
        var client = new InfluxClient(http, Options.Create(new InfluxOptions { Url = influx.Url, Database = "crash" }), TimeProvider.System);

        var service = await StartServiceAsync(environment, broker, client);
        const int total = 3_000;
        const int warmUp = 100;
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var sends = new List<Task>();
        for (var seq = 0; seq < total; seq++)
        {
            if (seq == warmUp)
            {
                // A sensor with a stored history, as in a running plant: a loss is measured against its last stored sample.
                await Task.WhenAll(sends);
                await MonitorRig.WaitUntilAsync(async ct => (await SeqsAsync(client, ct)).Count == warmUp, TimeSpan.FromSeconds(30), "the warm-up readings");
            }
            if (seq == total / 2)
            {
                // Mid-stream, with readings in flight between the broker, the service's channels and its buffer.
                await service.StopAsync(kill: true);
                await service.DisposeAsync();
                service = await StartServiceAsync(environment, broker, client);
            }
            var ts = start.AddMilliseconds(seq * 10).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            sends.Add(publisher.PublishAsync(MonitorRig.Topic("cr1", "dp1"),
                Encoding.UTF8.GetBytes($$$"""{"ts":"{{{ts}}}","seq":{{{seq}}},"values":{"differential_pressure":15}}"""), 1, false, default));
        }
        await Task.WhenAll(sends);

        // The last reading arriving means everything before it has been delivered or lost.
        await MonitorRig.WaitUntilAsync(async ct => (await SeqsAsync(client, ct)).Contains(total - 1), TimeSpan.FromSeconds(60), "the last reading in InfluxDB");
        await service.StopAsync();
        var log = service.Output;
        await service.DisposeAsync();

        var stored = await SeqsAsync(client, default);
        var storedCount = (await client.QueryAsync("SELECT count(\"value\") FROM \"reading\"", default)).Series[0].Get(0, "count").GetInt64();
        Assert.Equal(stored.Count, storedCount);   // no reading stored twice
        using var store = new RecordStore(Options.Create(new RecordsOptions { Path = records }), NullLogger<RecordStore>.Instance);
        await store.InitializeAsync(default);
        var reportedMissing = (await store.ExcursionsAsync(new Core.Records.ExcursionQuery(Limit: 1000), default))
            .Where(e => e.Kind == ExcursionKind.DataGap && e.Rule.StartsWith("sequence gap", StringComparison.Ordinal))
            .Sum(e => (long)(e.TriggerValue ?? 0));
        Assert.True(total == stored.Count && reportedMissing == 0,
            $"stored {stored.Count} of {total}, reported missing {reportedMissing}; missing seqs {string.Join(",", Enumerable.Range(0, total).Where(i => !stored.Contains(i)).Take(20))}…\n" +
            string.Join("\n", log.Split('\n').Where(l => l.Contains("sequence", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.Ordinal) || l.Contains("crit", StringComparison.Ordinal) || l.Contains("xception", StringComparison.Ordinal) || l.Contains("DataGap", StringComparison.Ordinal) || l.Contains("restored", StringComparison.Ordinal))));
        Assert.True((await store.VerifyAuditTrailAsync(default)).IsIntact);
    }

    private static async Task<HashSet<long>> SeqsAsync(InfluxClient client, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.QueryAsync("SELECT \"seq\" FROM \"reading\"", cancellationToken);
            return result.Series.Count == 0 ? [] : result.Series[0].Values.Select(row => row[1].GetInt64()).ToHashSet();
        }
        catch (InfluxQueryException)
        {
            return [];   // the database does not exist yet
        }
    }

    private static Task<ServerProcess> StartServiceAsync(ServiceSettings environment, MosquittoProcess broker, InfluxClient client)
    {
        _ = (broker, client);
        return StartServiceAsync(environment);
    }

    /// <summary>Starts the service as its own process (so it can be SIGKILLed) and waits for its /readyz.</summary>
    internal static Task<ServerProcess> StartServiceAsync(ServiceSettings settings) => ServiceExecutable.StartAsync(settings, TimeSpan.FromSeconds(60));
}
