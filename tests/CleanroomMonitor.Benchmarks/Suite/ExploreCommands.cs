using System.Globalization;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>Single measurements of the suite, for exploring one figure without running the whole table.</summary>
internal static class ExploreCommands
{
    // sustained [rate=30000] [seconds=20] [sensors=2000] [gateways=4]
    public static async Task<int> SustainedAsync(string[] args, CancellationToken cancellationToken)
    {
        var rate = Arg(args, 1, 30_000);
        var seconds = Arg(args, 2, 20);
        var sensors = (int)Arg(args, 3, 2000);
        var gateways = (int)Arg(args, 4, 4);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        using var directory = new TempDirectory("sustained");
        var run = await new SustainedIngest(broker, influx, directory, sensors, gateways).RunAsync(rate, TimeSpan.FromSeconds(seconds), cancellationToken);
        Print(run);
        return run.Held ? 0 : 1;
    }

    // broker [seconds=10] [sensors=2000] [gateways=4]
    public static async Task<int> BrokerAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = Arg(args, 1, 10);
        var sensors = (int)Arg(args, 2, 2000);
        var gateways = (int)Arg(args, 3, 4);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        var ceiling = await BrokerCeiling.MeasureAsync(broker, BenchFacility.Topics(sensors), gateways, TimeSpan.FromSeconds(seconds), cancellationToken);
        Console.WriteLine($"broker alone: {ceiling:N0} QoS 1 messages/s to one plain subscriber ({gateways} publishing connections)");
        return 0;
    }

    public static void Print(IngestRun run) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"offered {run.OfferedRate:N0}/s: published {run.Published:N0} in {run.PublishTime.TotalSeconds:F1} s ({run.AchievedRate:N0}/s), stored {run.Stored:N0}, max lag {run.MaxLag:N0}, catch-up {run.CatchUp.TotalMilliseconds:N0} ms, CPU {run.CpuMicrosecondsPerReading:F1} µs/reading, RSS {run.ReadyRssBytes / 1048576.0:F0} MB at start, peak {run.PeakRssBytes / 1048576.0:F0} MB (managed heap up to {run.PeakHeapBytes / 1048576.0:F0} MB; at the end {run.HeapGenerations}) -> {(run.Held ? "held" : "NOT held")}"));

    private static double Arg(string[] args, int index, double fallback) =>
        args.Length > index ? double.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
