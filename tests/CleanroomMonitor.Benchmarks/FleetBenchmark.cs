using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Simulators.Fleet;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.Benchmarks;

/// <summary>Fleet mode driving the whole service: a generated facility of rooms × sensors, the service started on it,
/// the simulators' fleet publisher sending at a fixed rate per sensor, then what arrived in InfluxDB counted back
/// against what was sent.</summary>
internal static class FleetBenchmark
{
    public static async Task<int> RunAsync(int rooms, int sensors, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        Console.WriteLine($"fleet benchmark: {rooms} rooms x {sensors} sensors at {rate.ToString(CultureInfo.InvariantCulture)}/s each for {duration}, broker -> service -> InfluxDB");
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        using var directory = new TempDirectory("fleet");
        var facilityFile = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facilityFile, FleetFacility.Json(rooms, sensors, rate), cancellationToken);
        await using var app = BenchmarkService.Build(broker, influx, directory, facilityFile, new Dictionary<string, string?>
        {
            ["Mqtt:InboxCapacity"] = "100000",
            ["Influx:Database"] = "fleet",
        });
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<MqttClient>().WaitUntilConnectedAsync(cancellationToken);
        var influxClient = app.Services.GetRequiredService<InfluxClient>();
        await using var client = new MqttClient(new MqttClientOptions { Port = broker.Port, ClientId = "bench-fleet", CleanSession = true, MaxInflight = 1000 },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        client.Start();
        await client.WaitUntilConnectedAsync(cancellationToken);

        var report = await new FleetPublisher(FleetFacility.Build(rooms, sensors, rate), client, TimeProvider.System, seed: 1)
            .RunAsync(rate, duration, cancellationToken);
        var start = TimeProvider.System.GetTimestamp();
        long arrived = 0;
        var stalledSince = TimeProvider.System.GetTimestamp();
        while (arrived < report.Sent && TimeProvider.System.GetElapsedTime(stalledSince) < TimeSpan.FromSeconds(30))
        {
            var result = await influxClient.QueryAsync("SELECT count(\"value\") FROM \"reading\"", cancellationToken);
            var now = result.Series.Count == 0 ? 0 : result.Series[0].Get(0, "count").GetInt64();
            if (now > arrived)
            {
                stalledSince = TimeProvider.System.GetTimestamp();
            }
            arrived = now;
            // A measuring loop: the drain time (until arrivals stall) is the figure.
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        var drain = TimeProvider.System.GetElapsedTime(start);
        var summary = new
        {
            sensors = report.Sensors,
            requestedPerSecond = report.Sensors * rate,
            sent = report.Sent,
            sentPerSecond = Math.Round(report.AchievedPerSecond),
            arrived,
            arrivedPerSecond = Math.Round(arrived / (report.Seconds + drain.TotalSeconds)),
            drainSeconds = Math.Round(drain.TotalSeconds, 1),
            lost = report.Sent - arrived,
        };
        Console.WriteLine(JsonSerializer.Serialize(summary));
        return arrived == report.Sent ? 0 : 1;
    }
}
