using System.Buffers;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>Maps readings to the InfluxDB schema (docs/influxdb-schema.md): measurement <c>reading</c>, one series per
/// site, room, sensor and parameter, tagged with the grade of the place sampled, timestamped in milliseconds with the
/// reading's own time. A redelivered reading is the same point and overwrites itself.</summary>
public sealed class ReadingPoints(FacilityDefinition facility)
{
    public const string Measurement = "reading";

    /// <summary>Writes one reading as one line (no trailing newline).</summary>
    public void Write(Reading reading, IBufferWriter<byte> output)
    {
        var grade = facility.TryGetSensor(reading.Sensor, out var sensor) ? sensor.Grade : null;
        var line = new LineProtocolWriter(output)
            .Measurement(Measurement)
            .Tag("grade", grade?.ToString() ?? "unclassified")
            .Tag("parameter", reading.Parameter.WireName())
            .Tag("room", reading.Room.Value)
            .Tag("sensor", reading.Sensor.Value)
            .Tag("site", facility.Site.Id)
            .Field("value", reading.Value);
        if (reading.Count is { } count)
        {
            line.Field("count", count);
        }
        if (reading.VolumeLitres is { } volume)
        {
            line.Field("volume_l", volume);
        }
        line.Field("faults", (long)reading.Faults);
        if (reading.TimeSource == TimeSource.Receiver)
        {
            line.Field("receiver_time", true);
        }
        if (reading.IsHistorical)
        {
            line.Field("historical", true);
        }
        if (reading.OutOfService)
        {
            line.Field("out_of_service", true);
        }
        if (reading.Calibration is { } calibration)
        {
            // A field, not a tag: the flag must not split the sensor's series (docs/influxdb-schema.md).
            line.Field("calibration", calibration == CalibrationState.Failed ? "failed" : "overdue");
        }
        if (reading.Sequence is { } sequence)
        {
            line.Field("seq", sequence);
        }
        line.Timestamp(reading.Timestamp);
    }

    /// <summary>One reading as one UTF-8 line, the record format of the durable buffer.</summary>
    public byte[] ToLine(Reading reading)
    {
        var buffer = new ArrayBufferWriter<byte>(192);
        Write(reading, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
