using System.Globalization;
using CleanroomMonitor.Benchmarks;

// Benchmarks print figures; they never assert on time (the machines are shared and noisy).
// Usage: CleanroomMonitor.Benchmarks ingest [readings] [sensors] | alerts [readings/s] [seconds]
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var name = args.FirstOrDefault() ?? "ingest";
return name switch
{
    "ingest" => await IngestBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200,
        cancel.Token),
    "alerts" => await AlertLatencyBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000,
        TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30),
        cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CleanroomMonitor.Benchmarks ingest [readings=200000] [sensors=200]");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks alerts [readings/s=5000] [seconds=30]");
    return 2;
}
