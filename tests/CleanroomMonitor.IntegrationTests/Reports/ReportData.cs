using System.Text;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Reports;

/// <summary>Writes history into the rig's InfluxDB in the documented schema (docs/influxdb-schema.md), through the
/// service's own <see cref="ReadingPoints"/> and <see cref="InfluxClient"/>, through the <see cref="RollupLedger"/> as the
/// forwarder writes (so history for hours already rolled up marks them dirty, never leaves a stale roll-up).</summary>
internal static class ReportData
{
    public static async Task WriteAsync(MonitorRig rig, IEnumerable<Reading> readings, CancellationToken cancellationToken = default)
    {
        var points = rig.App.Services.GetRequiredService<ReadingPoints>();
        var ledger = rig.App.Services.GetRequiredService<RollupLedger>();
        foreach (var chunk in readings.Chunk(5000))
        {
            var lines = chunk.Select(points.ToLine).ToList();
            using (await ledger.EnterAsync(RollupLedger.HoursOf(lines.Select(l => (ReadOnlyMemory<byte>)l)), cancellationToken))
            {
                await rig.InfluxClient.WriteAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines.Select(Encoding.UTF8.GetString))), cancellationToken);
            }
        }
    }

    public static Reading At(string sensor, string room, Parameter parameter, double value, DateTimeOffset at) =>
        new(new SensorId(sensor), new RoomId(room), parameter, value, at, TimeSource.Device, at);
}
