using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.IntegrationTests.Reliability;

/// <summary>InfluxDB down under load until the durable buffer's disk budget is reached: ingest holds back loudly
/// (System excursions), nothing is dropped, and everything arrives once InfluxDB is back.</summary>
public sealed class StoreAndForwardTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync(new Dictionary<string, string?>
    {
        ["Buffer:MaxBytes"] = "1048576",
        ["Buffer:SegmentSize"] = "65536",
        ["SystemWatch:Interval"] = "00:00:00.200",
        ["SystemWatch:BufferAlarmAge"] = "00:00:05",
        ["Influx:BatchSize"] = "2000",
    });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private async Task<List<string>> SystemExcursionsAsync(CancellationToken ct)
    {
        var list = await _rig.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/excursions?room=_system", UriKind.Relative), ct);
        return list.EnumerateArray().Select(e => $"{e.GetProperty("sensor").GetString()}:{e.GetProperty("status").GetString()}").ToList();
    }

    [Fact]
    public async Task InfluxDown_BufferFillsToItsBudget_IngestHoldsBackLoudlyAndNothingIsLost()
    {
        await _rig.Influx.StopAsync(kill: true);
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var published = 0;
        // ~160 bytes a reading: 9 000 readings exceed the 1 MiB budget, so the buffer must refuse and ingest hold back.
        var sends = new List<Task>();
        for (; published < 9_000; published++)
        {
            var ts = start.AddMilliseconds(published).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            sends.Add(_rig.PublishAsync(MonitorRig.Topic("cr1", "dp1"), $$$"""{"ts":"{{{ts}}}","seq":{{{published}}},"values":{"differential_pressure":15}}"""));
        }

        await MonitorRig.WaitUntilAsync(async ct => (await SystemExcursionsAsync(ct)).Any(e => e.StartsWith("buffer-refusing:", StringComparison.Ordinal)),
            Patience, "a System excursion for the refusing buffer");
        await MonitorRig.WaitUntilAsync(async ct => (await SystemExcursionsAsync(ct)).Any(e => e.StartsWith("buffer-backlog:", StringComparison.Ordinal)),
            Patience, "a System excursion for the buffer backlog");
        var status = await _rig.IngestStatusAsync();
        Assert.True(status.Accepted < published, $"accepted {status.Accepted} of {published}: the budget should have stopped some");
        Assert.Equal(0, status.Rejected);

        await _rig.Influx.RestartAsync(default);
        await Task.WhenAll(sends);
        await _rig.WaitForPointsAsync(published, Patience);
        Assert.Equal(published, await _rig.CountPointsAsync());
        await MonitorRig.WaitUntilAsync(async ct => (await SystemExcursionsAsync(ct)).All(e => e.EndsWith(":ReturnedUnacknowledged", StringComparison.Ordinal)),
            Patience, "the System excursions to return to normal");
    }
}
