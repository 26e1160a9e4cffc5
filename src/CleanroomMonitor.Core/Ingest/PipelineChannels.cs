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
    private long _pumpHoldsReceivedAt;

    /// <summary>The ingest pump took <paramref name="sample"/> off <see cref="Samples"/> and holds it until its readings are
    /// handed on (it may wait there on a full channel downstream).</summary>
    public void PumpHolds(SensorSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Volatile.Write(ref _pumpHoldsReceivedAt, sample.ReceivedAt.UtcTicks);
    }

    /// <summary>The ingest pump handed on everything of the sample it held.</summary>
    public void PumpReleased() => Volatile.Write(ref _pumpHoldsReceivedAt, 0);

    /// <summary>The receipt time up to which every reading the service has received has reached the engine: the earliest of
    /// <paramref name="now"/>, the oldest sample waiting for the pump, the sample the pump holds, and the oldest reading
    /// waiting for the engine. A sensor's silence can only be judged up to it: when a stage falls behind (a slow disk under
    /// the durable buffer), the readings in the queues were received, so the sensors sending them are not silent.</summary>
    public DateTimeOffset ReceivedUpTo(DateTimeOffset now)
    {
        var upTo = now;
        if (Samples.Reader.TryPeek(out var waiting) && waiting.ReceivedAt < upTo)
        {
            upTo = waiting.ReceivedAt;
        }
        if (Volatile.Read(ref _pumpHoldsReceivedAt) is var held and > 0 && held < upTo.UtcTicks)
        {
            upTo = new DateTimeOffset(held, TimeSpan.Zero);
        }
        if (Judging.Reader.TryPeek(out var next) && next.Reading is { } reading && reading.ReceivedAt < upTo)
        {
            upTo = reading.ReceivedAt;
        }
        return upTo;
    }

    /// <summary>Completes when the excursion engine has restored its state (open excursions, batches, room states, rule state):
    /// sources wait for it, so no reading is taken in before it can be judged against what came before the restart.
    /// Until then an MQTT broker keeps the persistent session's messages and a Modbus device its records.</summary>
    public Task SourcesMayStart => _sourcesMayStart.Task;

    public void OpenSources() => _sourcesMayStart.TrySetResult();
}
