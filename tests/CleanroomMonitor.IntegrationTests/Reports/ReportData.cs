using System.Text;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Reports;

/// <summary>Writes history into the rig's InfluxDB in the documented schema (docs/influxdb-schema.md), through the
/// service's own <see cref="ReadingPoints"/> and <see cref="InfluxClient"/>, as the forwarder would have.</summary>
internal static class ReportData
{
    public static async Task WriteAsync(MonitorRig rig, IEnumerable<Reading> readings, CancellationToken cancellationToken = default)
    {
        var points = rig.App.Services.GetRequiredService<ReadingPoints>();
        foreach (var chunk in readings.Chunk(5000))
        {
            var body = string.Join("\n", chunk.Select(r => Encoding.UTF8.GetString(points.ToLine(r))));
            await rig.InfluxClient.WriteAsync(Encoding.UTF8.GetBytes(body), cancellationToken);
        }
    }

    public static Reading At(string sensor, string room, Parameter parameter, double value, DateTimeOffset at) =>
        new(new SensorId(sensor), new RoomId(room), parameter, value, at, TimeSource.Device, at);
}
