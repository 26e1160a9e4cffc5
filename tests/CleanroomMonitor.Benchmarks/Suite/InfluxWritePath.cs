using System.Diagnostics;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>The InfluxDB write path: the same batches of readings (the service's own line protocol, 5,000 points a
/// batch) sent by one writer, first as plain HTTP POSTs of prepared bodies (the server's ceiling for these batches),
/// then through the service's <see cref="InfluxClient"/> as the forwarder sends them (joined, gzip-compressed).</summary>
internal static class InfluxWritePath
{
    public static async Task<(double ServerCeiling, double Writer)> MeasureAsync(InfluxProcess influx, int points, int batchSize,
        CancellationToken cancellationToken)
    {
        var facility = FacilityReader.Parse(BenchFacility.Json(200), "bench-facility.json");
        var lines = new ReadingPoints(facility);
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var bodies = new List<byte[]>();
        for (var first = 0; first < points; first += batchSize)
        {
            using var body = new MemoryStream();
            for (var i = first; i < Math.Min(points, first + batchSize); i++)
            {
                var sensor = facility.Sensors[i % facility.Sensors.Count];
                var reading = new Reading(sensor.Id, sensor.Room, Parameter.Temperature, 20 + i % 100 / 100.0,
                    start.AddMilliseconds(i / facility.Sensors.Count), TimeSource.Device, start, Sequence: i / facility.Sensors.Count);
                body.Write(lines.ToLine(reading));
                body.WriteByte((byte)'\n');
            }
            bodies.Add(body.ToArray());
        }

        using var http = new HttpClient();
        await CreateDatabasesAsync(influx, http, cancellationToken);
        var plain = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            using var content = new ByteArrayContent(body);
            using var response = await http.PostAsync(new Uri(influx.Url, "write?db=ceiling&precision=ms"), content, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
        var ceiling = points / plain.Elapsed.TotalSeconds;

        var client = new InfluxClient(http, Options.Create(new InfluxOptions { Url = influx.Url, Database = "writer" }), TimeProvider.System);
        var ours = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            await client.WriteAsync(body, cancellationToken);
        }
        var writer = points / ours.Elapsed.TotalSeconds;
        return (ceiling, writer);
    }

    private static async Task CreateDatabasesAsync(InfluxProcess influx, HttpClient http, CancellationToken cancellationToken)
    {
        foreach (var database in (string[])["ceiling", "writer"])
        {
            using var content = new FormUrlEncodedContent([new("q", $"CREATE DATABASE {database}")]);
            using var response = await http.PostAsync(new Uri(influx.Url, "query"), content, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }
}
