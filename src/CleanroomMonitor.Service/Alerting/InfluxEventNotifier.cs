using System.Buffers;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.Alerting;

/// <summary>Writes each transition as a point of the <c>excursion</c> measurement (docs/influxdb-schema.md), through the
/// durable buffer like readings, so dashboards can annotate excursions even if InfluxDB was down when they happened.</summary>
internal sealed class InfluxEventNotifier(DurableBuffer buffer, FacilityDefinition facility) : IExcursionNotifier
{
    public const string Measurement = "excursion";

    public string Name => "influx";

    public async ValueTask NotifyAsync(ExcursionChange change, CancellationToken cancellationToken)
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
        line.Timestamp(change.Action == "raised" ? e.StartedAt : e.History.Count > 0 ? e.History[^1].At : e.StartedAt);
        await buffer.AppendAsync([output.WrittenMemory.ToArray()], cancellationToken);
    }
}
