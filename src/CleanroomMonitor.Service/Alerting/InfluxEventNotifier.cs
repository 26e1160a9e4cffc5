using System.Buffers;
using System.Threading.Channels;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.Alerting;

/// <summary>Writes each transition as a point of the <c>excursion</c> measurement (docs/influxdb-schema.md), through the
/// durable buffer like readings, so dashboards can annotate excursions even if InfluxDB was down when they happened.</summary>
/// <remarks>The append (an fsync) happens on this notifier's own task, not the engine's: awaited in line it delayed the
/// next alert by a disk flush. The excursion record in SQLite is the authority and is saved before any notifier runs;
/// these points are a copy for dashboards, and a crash between the record and this append loses only that copy.</remarks>
internal sealed class InfluxEventNotifier(DurableBuffer buffer, FacilityDefinition facility) : BackgroundService, IExcursionNotifier
{
    public const string Measurement = "excursion";

    // Transitions are few (a handful a minute on a bad day); the bound only matters when the disk stops taking appends,
    // and then the engine waits here as readings wait at the buffer stage.
    private readonly Channel<byte[]> _points = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(4_096) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public string Name => "influx";

    public ValueTask NotifyAsync(ExcursionChange change, CancellationToken cancellationToken)
    {
        var e = change.After;
        var output = new ArrayBufferWriter<byte>(256);
        var line = new LineProtocolWriter(output).Measurement(Measurement)
            .Tag("action", change.Action)
            .Tag("kind", e.Kind.ToString())
            .Tag("level", e.Level.ToString())
            .Tag("room", e.Room.Value)
            .Tag("sensor", e.Sensor?.Value ?? "room")
            .Tag("site", facility.Site.Id)
            .Field("id", e.Id.ToString())
            .Field("status", e.Status.ToString())
            .Field("rule", e.Rule)
            .Field("batches", string.Join(",", e.Batches))
            .Field("active", e.IsActive);
        if (e.Parameter is { } parameter)
        {
            line.Field("parameter", parameter.WireName());
        }
        if (e.TriggerValue is { } value && double.IsFinite(value))
        {
            line.Field("value", value);
        }
        // One point per transition: the time of the transition, so "raised" and "returned" of one excursion stay two points.
        line.Timestamp(change.Action == ExcursionAction.Raised ? e.StartedAt : e.History.Count > 0 ? e.History[^1].At : e.StartedAt);
        return _points.Writer.WriteAsync(output.WrittenMemory.ToArray(), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ReadOnlyMemory<byte>>();
        try
        {
            while (await _points.Reader.WaitToReadAsync(stoppingToken))
            {
                await AppendAvailableAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The engine stops before this service: what it notified is appended, not dropped.
            await AppendAvailableAsync(batch, CancellationToken.None);
        }
    }

    private async Task AppendAvailableAsync(List<ReadOnlyMemory<byte>> batch, CancellationToken cancellationToken)
    {
        batch.Clear();
        while (_points.Reader.TryRead(out var point))
        {
            batch.Add(point);
        }
        if (batch.Count > 0)
        {
            await buffer.AppendAsync(batch, cancellationToken);
        }
    }
}
