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

    /// <summary>Everything the excursion engine judges, in the order it was given: accepted readings from the ingest pump
    /// (judging happens on the live stream, before storage, so an alarm never waits for InfluxDB), source health events
    /// from the sources, and commands. The engine's one input.</summary>
    public Channel<JudgeInput> Judging { get; } = Channel.CreateBounded<JudgeInput>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>Batch starts and ends from a MES over MQTT, to the MES stage that checks them and passes them on to the
    /// excursion engine as commands.</summary>
    public Channel<BatchRequest> BatchRequests { get; } = Channel.CreateBounded<BatchRequest>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>Accepted readings to the durable buffer, and from there to InfluxDB, with the sources' acknowledgements in order.</summary>
    public Channel<StorageEntry> Storage { get; } = Channel.CreateBounded<StorageEntry>(
        new BoundedChannelOptions(50_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });

    private readonly TaskCompletionSource _sourcesMayStart = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the excursion engine has restored its state (open excursions, batches, room states, rule state):
    /// sources wait for it, so no reading is taken in before it can be judged against what came before the restart.
    /// Until then an MQTT broker keeps the persistent session's messages and a Modbus device its records.</summary>
    public Task SourcesMayStart => _sourcesMayStart.Task;

    public void OpenSources() => _sourcesMayStart.TrySetResult();
}
