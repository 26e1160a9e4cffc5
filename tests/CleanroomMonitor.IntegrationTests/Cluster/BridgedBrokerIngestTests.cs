using System.Globalization;
using CleanroomMonitor.TestSupport;
using Xunit.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Cluster;

/// <summary>Devices publish to a site broker bridged to a central one; the service subscribes to the central broker
/// (docs/scale-out.md, "Time series and brokers"). Every reading published at the site is stored in InfluxDB exactly
/// once, also when the central broker is away for a while or the site broker restarts with readings queued for the
/// bridge. A bridge that sends a reading again is harmless: ingest recognises a repeat by sensor, parameter and
/// instant and counts it instead of storing it (docs/mqtt.md), and a re-written point would overwrite itself.</summary>
public sealed class BridgedBrokerIngestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private BridgedBrokerRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await BridgedBrokerRig.StartAsync();
        await _rig.Brokers.WaitUntilBridgeConnectedAsync(Patience);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    /// <summary>Distinct milliseconds, half an hour back: each reading is its own point.</summary>
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddMinutes(-30);

    private Task PublishRangeAsync(int from, int count) =>
        Task.WhenAll(Enumerable.Range(from, count).Select(i => _rig.PublishReadingAsync(Start.AddMilliseconds(i), i)));

    private static string Between(int from, int toExclusive) => string.Create(CultureInfo.InvariantCulture,
        $"WHERE time >= {Start.AddMilliseconds(from).ToUnixTimeMilliseconds()}ms AND time < {Start.AddMilliseconds(toExclusive).ToUnixTimeMilliseconds()}ms");

    [Fact]
    public async Task Publish_ToSiteBroker_ServiceOnCentralStoresEveryReadingOnce()
    {
        const int published = 600;
        await PublishRangeAsync(0, published);

        await _rig.WaitForPointsAsync(published, Patience);
        Assert.Equal(published, await _rig.CountPointsAsync());
        Assert.Equal(published, _rig.Ingest.Accepted);
        Assert.Equal(0, _rig.Ingest.RejectedTotal);
        Assert.Equal(0, _rig.Ingest.Repeats);   // no outage: nothing was sent twice
    }

    [Fact]
    public async Task Publish_CentralBrokerStoppedMidStreamAndStartedAgain_BridgeDeliversEveryReadingOnce()
    {
        await PublishRangeAsync(0, 300);
        await _rig.WaitForPointsAsync(300, Patience);

        // Stop the central broker while the next 300 are on their way: some cross the bridge, the rest wait at the site.
        var inFlight = PublishRangeAsync(300, 300);
        await _rig.Brokers.Central.StopAsync();
        await inFlight;   // the site broker acknowledges them whether or not the bridge is up
        await Eventually.UntilAsync(async ct => await _rig.Brokers.IsBridgeConnectedAsync(ct) == false, Patience, "the bridge to be down");
        await PublishRangeAsync(600, 300);   // published during the outage: queued for the bridge at the site
        var duringOutage = await _rig.CountPointsAsync(Between(600, 900));

        await _rig.Brokers.Central.StartAgainAsync();
        await _rig.WaitForPointsAsync(900, Patience);
        await PublishRangeAsync(900, 1);   // a last reading behind everything queued: what comes twice comes before it
        await _rig.WaitForPointsAsync(901, Patience);

        Assert.Equal(0, duringOutage);
        Assert.Equal(901, await _rig.CountPointsAsync());
        Assert.Equal(300, await _rig.CountPointsAsync(Between(600, 900)));
        // QoS 1 is at least once: what was in flight when the central broker stopped comes again. A copy within the
        // duplicate guard's window is a repeat (not stored again); an older one is accepted unchecked and rewrites its
        // identical point, which the exact count above shows. Every accepted reading beyond the 901 is such a copy.
        var ingest = _rig.Ingest;
        var counts = $"accepted {ingest.Accepted}, repeats {ingest.Repeats}, late unchecked {ingest.LateUnchecked}";
        output.WriteLine(counts);
        Assert.True(ingest.Accepted - ingest.LateUnchecked == 901, counts);
        Assert.Equal(0, ingest.RejectedTotal);
    }

    [Fact]
    public async Task Publish_CentralDownAndSiteBrokerRestarted_QueuedReadingsSurviveAndArriveOnce()
    {
        await _rig.Brokers.Central.StopAsync();
        await Eventually.UntilAsync(async ct => await _rig.Brokers.IsBridgeConnectedAsync(ct) == false, Patience, "the bridge to be down");
        await PublishRangeAsync(0, 400);

        await _rig.Brokers.Site.RestartAsync();   // SIGTERM: the site broker saves the bridge's queue
        await _rig.Publisher.WaitUntilConnectedAsync(default);
        await _rig.Brokers.Central.StartAgainAsync();
        await _rig.WaitForPointsAsync(400, Patience);
        await PublishRangeAsync(400, 1);
        await _rig.WaitForPointsAsync(401, Patience);

        Assert.Equal(401, await _rig.CountPointsAsync());
        Assert.Equal(401, _rig.Ingest.Accepted);
        Assert.Equal(0, _rig.Ingest.RejectedTotal);
    }
}
