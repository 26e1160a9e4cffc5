using System.Globalization;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests;

public sealed class ComputedPressureTests : IAsyncLifetime
{
    /// <summary>The rig's facility plus two absolute-pressure sensors and the differential pressure computed from them.</summary>
    private static readonly string Facility = MonitorRig.FacilityJson.Replace(
        """{ "id": "th2", "room": "al1", "parameters": ["temperature"], "topic": "legacy/gateway 7/th2" }""",
        """
        { "id": "th2", "room": "al1", "parameters": ["temperature"], "topic": "legacy/gateway 7/th2" },
        { "id": "ap1", "room": "cr1", "parameters": ["absolute_pressure"], "interval": "10s" },
        { "id": "ap2", "room": "al1", "parameters": ["absolute_pressure"], "interval": "10s" },
        { "id": "dpc", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1", "source": "computed", "from": ["ap1", "ap2"], "interval": "10s" }
        """, StringComparison.Ordinal);

    private readonly TempDirectory _directory = new("computed");
    private MonitorRig _rig = null!;

    public async Task InitializeAsync()
    {
        var file = _directory.Combine("facility.json");
        await File.WriteAllTextAsync(file, Facility);
        _rig = await MonitorRig.StartAsync(new Dictionary<string, string?> { ["Facility:File"] = file });
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task AbsolutePressuresOfTwoRooms_BecomeAStoredAndJudgedDifferentialPressure()
    {
        var t = DateTimeOffset.UtcNow.AddSeconds(-30);
        string Ts(int s) => t.AddSeconds(s).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        await _rig.PublishAsync(MonitorRig.Topic("al1", "ap2"), $$$"""{"ts":"{{{Ts(0)}}}","values":{"absolute_pressure":101325.0}}""");
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "ap1"), $$$"""{"ts":"{{{Ts(1)}}}","values":{"absolute_pressure":101340.5}}""");
        // Reversed cascade: the suite below its airlock.
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "ap1"), $$$"""{"ts":"{{{Ts(2)}}}","values":{"absolute_pressure":101320.0}}""");

        await _rig.WaitForPointsAsync(2, TimeSpan.FromSeconds(30), "WHERE \"sensor\" = 'dpc'");
        var series = (await _rig.InfluxClient.QueryAsync("SELECT \"value\" FROM \"reading\" WHERE \"sensor\" = 'dpc'", default)).Series[0];
        Assert.Equal(15.5, series.Get(0, "value").GetDouble(), 3);
        Assert.Equal(-5, series.Get(1, "value").GetDouble(), 3);
        await MonitorRig.WaitUntilAsync(async ct => (await _rig.Http.GetStringAsync(new Uri("/api/excursions?sensor=dpc", UriKind.Relative), ct))
            .Contains("\"kind\":\"PressureReversal\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "a pressure reversal on the computed pair");
    }
}
