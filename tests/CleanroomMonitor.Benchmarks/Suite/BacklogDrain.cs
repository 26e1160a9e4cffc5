using System.Diagnostics;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>InfluxDB goes away while readings keep coming; when it returns, the durable buffer's backlog drains while
/// live readings continue. The drain rate counts what the forwarder moved per second: the backlog it cleared plus the
/// live readings that arrived meanwhile.</summary>
internal static class BacklogDrain
{
    private const string DepthMetric = "cleanroom_buffer_depth";

    public sealed record Result(long Backlog, double DrainRate, TimeSpan DrainTime, long Published, long Stored);

    public static async Task<Result> MeasureAsync(MosquittoProcess broker, InfluxProcess influx, TempDirectory directory, int sensors,
        double outageRate, TimeSpan outage, double liveRate, CancellationToken cancellationToken)
    {
        const string name = "drain";
        var facilityFile = directory.Combine($"facility-{sensors}.json");
        if (!File.Exists(facilityFile))
        {
            await File.WriteAllTextAsync(facilityFile, BenchFacility.Json(sensors, interval: "10m"), cancellationToken);
        }
        await using var service = await ServiceProcess.StartAsync(SustainedIngest.Settings(broker, influx, directory, facilityFile, name), cancellationToken);
        await using var publisher = await LoadPublisher.ConnectAsync(broker.Port, 4, BenchFacility.Topics(sensors), cancellationToken);

        await influx.StopAsync();
        var (during, _) = await publisher.RunAsync(outageRate, outage, window: 5000, cancellationToken);
        var live = publisher.RunAsync(liveRate, TimeSpan.FromSeconds(90), window: 5000, cancellationToken);
        await influx.RestartAsync(cancellationToken);

        // From the first drop in the backlog (the forwarder's back-off ends) until it is down to a second of live data.
        var clock = Stopwatch.StartNew();
        var depth = await service.MetricAsync(DepthMetric, cancellationToken);
        var peak = depth;
        TimeSpan? drainStart = null;
        double depthAtStart = 0;
        long publishedAtStart = 0;
        TimeSpan drainTime = TimeSpan.Zero;
        double drained = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(85))
        {
            // The sampling interval of the buffer-depth curve, which is what this benchmark records.
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            var now = await service.MetricAsync(DepthMetric, cancellationToken);
            if (drainStart is null)
            {
                if (now < depth)
                {
                    (drainStart, depthAtStart, publishedAtStart) = (clock.Elapsed, depth, publisher.Published);
                }
                peak = Math.Max(peak, now);
            }
            else if (now <= liveRate)
            {
                drainTime = clock.Elapsed - drainStart.Value;
                drained = depthAtStart - now + (publisher.Published - publishedAtStart);
                break;
            }
            depth = now;
        }
        var (afterwards, _) = await live;
        var published = during + afterwards;
        var stored = await SustainedIngest.CountAsync(influx, name, published, cancellationToken);
        await service.StopAsync();
        await SustainedIngest.ForgetSessionAsync(broker, name, cancellationToken);
        return new Result((long)peak, drainTime > TimeSpan.Zero ? drained / drainTime.TotalSeconds : 0, drainTime, published, stored);
    }
}
