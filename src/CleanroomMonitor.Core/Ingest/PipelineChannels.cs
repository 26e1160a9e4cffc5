using System.Threading.Channels;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>The bounded channels that join the pipeline's stages, in one place so their capacities are seen together.
/// Every channel waits when full: back-pressure travels up to the sources instead of data being dropped (GMP data
/// must be complete, so Telegraf's drop-oldest policy is not an option).</summary>
public sealed class PipelineChannels
{
    /// <summary>Decoded samples from every source (many writers) to the ingest pump (one reader).</summary>
    public Channel<SensorSample> Samples { get; } = Channel.CreateBounded<SensorSample>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>Accepted readings to the excursion engine: judging happens on the live stream, before storage, so an
    /// alarm never waits for InfluxDB.</summary>
    public Channel<Reading> Evaluation { get; } = Channel.CreateBounded<Reading>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });

    /// <summary>Batch starts and ends from a MES over MQTT, to the excursion engine.</summary>
    public Channel<BatchRequest> BatchRequests { get; } = Channel.CreateBounded<BatchRequest>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>Accepted readings to the durable buffer, and from there to InfluxDB.</summary>
    public Channel<Reading> Storage { get; } = Channel.CreateBounded<Reading>(
        new BoundedChannelOptions(50_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });

    /// <summary>Source health events (device lost, device back) to the excursion engine.</summary>
    public Channel<SourceEvent> SourceEvents { get; } = Channel.CreateBounded<SourceEvent>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly TaskCompletionSource _sourcesMayStart = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the excursion engine has restored its state (open excursions, last sequence numbers):
    /// sources wait for it, so no reading is taken in before it can be judged against what came before the restart.
    /// Until then an MQTT broker keeps the persistent session's messages and a Modbus device its records.</summary>
    public Task SourcesMayStart => _sourcesMayStart.Task;

    public void OpenSources() => _sourcesMayStart.TrySetResult();
}
