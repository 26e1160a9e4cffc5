using System.Diagnostics;
using System.Globalization;

namespace CleanroomMonitor.TestSupport;

/// <summary>Two real mosquitto brokers on loopback: a SITE broker the instruments' gateways publish to, bridged to a
/// CENTRAL broker the service subscribes to, as docs/scale-out.md ("Time series and brokers") and
/// deploy/mosquitto/bridge.conf.example describe. The bridge forwards <see cref="TopicPattern"/> out at QoS 1 with a
/// persistent session (<c>cleansession false</c>, a fixed client id), and both brokers keep persistence on, so what the
/// site broker queued for the bridge survives either broker's restart.</summary>
public sealed class BridgedBrokers : IAsyncDisposable
{
    /// <summary>The bridge's client id on the central broker; fixed, so a restarted site broker resumes its session.</summary>
    public const string BridgeClientId = "bridge-site-itest";

    private static readonly TimeSpan StateProbeTimeout = TimeSpan.FromSeconds(2);

    private BridgedBrokers(MosquittoProcess central, MosquittoProcess site, string topicPattern)
    {
        Central = central;
        Site = site;
        TopicPattern = topicPattern;
    }

    /// <summary>The broker the service subscribes to.</summary>
    public MosquittoProcess Central { get; }

    /// <summary>The broker the devices publish to; its bridge forwards <see cref="TopicPattern"/> to <see cref="Central"/>.</summary>
    public MosquittoProcess Site { get; }

    public string TopicPattern { get; }

    /// <summary>Starts the central broker, then the site broker with a bridge to it for <paramref name="topicPattern"/>
    /// (say <c>cleanroom/#</c>).</summary>
    public static async Task<BridgedBrokers> StartAsync(string topicPattern, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicPattern);
        var central = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        try
        {
            var site = await MosquittoProcess.StartWithConfigurationAsync(BridgeConfiguration(central.Host, central.Port, topicPattern), cancellationToken);
            return new BridgedBrokers(central, site, topicPattern);
        }
        catch
        {
            await central.DisposeAsync();
            throw;
        }
    }

    /// <summary>The bridge section of the site broker's configuration (mosquitto 2.0 option names, man mosquitto.conf).</summary>
    public static IReadOnlyList<string> BridgeConfiguration(string centralHost, int centralPort, string topicPattern) =>
    [
        "connection site-to-central",
        string.Create(CultureInfo.InvariantCulture, $"address {centralHost}:{centralPort}"),
        // Out only, QoS 1: every reading is acknowledged hop by hop; nothing comes back down, so no loop.
        $"topic {topicPattern} out 1",
        // A persistent session on both sides: the site broker queues for the bridge while the central one is away,
        // and the central one keeps the bridge's unacknowledged messages across its own restart.
        "cleansession false",
        $"remote_clientid {BridgeClientId}",
        "bridge_protocol_version mqttv311",
        // Seconds before reconnecting after a lost connection (mosquitto's default backs off from 5 s up to 30 s).
        "restart_timeout 1",
        // The bridge's connection state, retained on both brokers: $SYS/broker/connection/<remote_clientid>/state.
        "notifications true",
    ];

    /// <summary>The bridge's state as the site broker itself publishes it (retained): <c>true</c> connected,
    /// <c>false</c> not, <c>null</c> when nothing has been published yet.</summary>
    public async Task<bool?> IsBridgeConnectedAsync(CancellationToken cancellationToken = default)
    {
        using var process = Process.Start(new ProcessStartInfo("mosquitto_sub",
            ["-h", Site.Host, "-p", Site.Port.ToString(CultureInfo.InvariantCulture), "-t", $"$SYS/broker/connection/{BridgeClientId}/state",
             "-C", "1", "-W", ((int)StateProbeTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start mosquitto_sub.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await error;
        return (await output).Trim() switch
        {
            "1" => true,
            "0" => false,
            _ => null,
        };
    }

    /// <summary>Waits until the site broker reports its bridge connected (<see cref="IsBridgeConnectedAsync"/>).</summary>
    public Task WaitUntilBridgeConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Eventually.UntilAsync(async ct => await IsBridgeConnectedAsync(ct) == true, timeout, "the site broker's bridge to be connected",
            () => Task.FromResult("Site broker:\n" + Site.Output), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Central.DisposeAsync();
    }
}
