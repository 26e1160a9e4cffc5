using CleanroomMonitor.Core.Ingest;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>What the host state machine made of one message or tick: samples for ingest, source events for the
/// excursion engine, counted rejections, and rebirth requests to publish.</summary>
internal sealed class SparkplugOutcome
{
    public List<SensorSample> Samples { get; } = [];

    public List<SourceEvent> Events { get; } = [];

    public List<Rejection> Rejections { get; } = [];

    public List<RebirthRequest> Rebirths { get; } = [];
}
