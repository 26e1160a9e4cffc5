using System.Buffers;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Simulators.Signals;

namespace CleanroomMonitor.Simulators.Publishing;

/// <summary>Writes a sample in the service's JSON reading schema (docs/mqtt.md), as a real gateway would send it.</summary>
internal static class SamplePayload
{
    public static byte[] Encode(SimulatedSample sample)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("sensor", sample.Sensor.Id.Value);
            json.WriteString("ts", sample.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("seq", sample.Sequence);
            if (sample.Values.Count > 0)
            {
                json.WriteStartObject("values");
                foreach (var (parameter, value) in sample.Values)
                {
                    json.WriteNumber(parameter.WireName(), value);
                }
                json.WriteEndObject();
            }
            if (sample.Counts.Count > 0)
            {
                json.WriteStartObject("counts");
                foreach (var (parameter, count) in sample.Counts)
                {
                    json.WriteNumber(parameter.WireName(), count);
                }
                json.WriteEndObject();
                json.WriteNumber("volume_l", sample.VolumeLitres ?? 0);
            }
            if (sample.Faults != SampleFaults.None)
            {
                json.WriteStartArray("faults");
                foreach (var fault in Enum.GetValues<SampleFaults>().Where(f => f != SampleFaults.None && sample.Faults.HasFlag(f)))
                {
                    json.WriteStringValue(fault.ToString().ToLowerInvariant());
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
