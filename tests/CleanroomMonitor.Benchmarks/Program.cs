using System.Globalization;
using CleanroomMonitor.Benchmarks;
using CleanroomMonitor.Benchmarks.LiveBoard;
using CleanroomMonitor.Benchmarks.Notifications;
using CleanroomMonitor.Benchmarks.Suite;
using CleanroomMonitor.TestSupport;

// Benchmarks print figures; they never assert on time (the machines are shared and noisy).
// Usage: CleanroomMonitor.Benchmarks ingest [readings] [sensors]
//        CleanroomMonitor.Benchmarks modbus [devices] [servers] [seconds] | alerts [readings/s] [seconds]
//        CleanroomMonitor.Benchmarks alerts-records [readings/s] [seconds] [rounds]
//        CleanroomMonitor.Benchmarks notify [readings/s] [breaches] | notify-burst [kill-after] | notify-rows
//        CleanroomMonitor.Benchmarks liveboard [sessions] [seconds] [renders] | site-load [seconds] [settle]
//        CleanroomMonitor.Benchmarks guard [readings] [sensors] [rounds] | replay [days] [rounds]
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
        TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60),
        cancel.Token),
    "alerts-records" => await AlertRecordEnginesBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000,
        TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30),
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2,
        cancel.Token),
    "notify" => await NotificationLatencyBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50,
        cancel.Token),
    "notify-burst" => await NotificationBurstBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40,
        cancel.Token),
    "notify-rows" => await NotificationRows.RunAsync(cancel.Token),
    "modbus" => await ModbusBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60,
        cancel.Token),
    "report" => await ReportBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7,
        TimeSpan.FromSeconds(args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 1),
        TimeSpan.FromMinutes(args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 10),
        cancel.Token),
    "fleet" => await FleetBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20,
        args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 5,
        TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 30),
        cancel.Token),
    "sparkplug" => await SparkplugBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20,
        cancel.Token),
    "suite" => await SuiteBenchmark.RunAsync(args.Contains("--quick"), Path.Combine(RepositoryPaths.Root, "artifacts", "bench"), cancel.Token),
    "soak" => await SoakBenchmark.RunAsync(
        TimeSpan.FromMinutes(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10),
        args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5000,
        cancel.Token),
    "site-load" => await CleanroomMonitor.Benchmarks.SiteLoad.SiteLoadBenchmark.RunAsync(
        TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60),
        args.Length > 2 ? TimeSpan.FromSeconds(int.Parse(args[2], CultureInfo.InvariantCulture)) : CleanroomMonitor.Benchmarks.SiteLoad.SiteLoadBenchmark.DefaultSettle,
        cancel.Token),
    "liveboard" => await LiveBoardBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20,
        TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60),
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5,
        cancel.Token),
    "replay" => ReplayBenchmark.Run(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3),
    "guard" => DuplicateGuardBenchmark.Run(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2_000,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 7),
    "sustained" => await ExploreCommands.SustainedAsync(args, cancel.Token),
    "broker" => await ExploreCommands.BrokerAsync(args, cancel.Token),
    "heap" => await CleanroomMonitor.Benchmarks.Diagnostics.HeapCensus.RunAsync(args, cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CleanroomMonitor.Benchmarks suite [--quick]   (every figure below, as a table, JSON and CSV in artifacts/bench)");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks soak [minutes=10] [readings/s=5000]   (InfluxDB outages, broker restarts, SIGKILLs, then a count)");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks ingest [readings=200000] [sensors=200]");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks heap <pid> [top=25]   (live objects of a running service, by type)");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks guard [readings=400000] [sensors=2000] [rounds=7]   (same-instant check, ns per reading beside normalisation)");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks sustained [rate=30000] [seconds=20] [sensors=2000] [gateways=4] | broker [seconds=10] [sensors=2000] [gateways=4]");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks modbus [devices=500] [servers=10] [seconds=60]");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks alerts [readings/s=5000] [seconds=60]");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks alerts-records [readings/s=5000] [seconds=30] [rounds=2]   (alert latency with the records in SQLite, then in PostgreSQL, alternated)");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks notify [readings/s=5000] [breaches=50]   (breach publish -> mail at the SMTP server, -> SMS gateway request, under load)");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks notify-burst [kill-after=40]   (100 excursions at once; then again with a SIGKILL after that many notifications and a restart)");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks notify-rows   (the suite's notification rows alone, as the suite runs them)");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks site-load [seconds] [settle]   (the demo facility at its intervals: the service's CPU and RSS)");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks fleet [rooms=10] [sensors=20] [readings/s per sensor=5] [seconds=30]");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks sparkplug [readings=200000] [edge nodes=10] [sensors per node=20]");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks liveboard [sessions=20] [seconds=60] [renders=5]   (demo facility in headless Chromium: time to first render, service CPU with the boards open)");
    Console.Error.WriteLine("       CleanroomMonitor.Benchmarks report [sensors=60] [days=7] [interval-seconds=1] [write-budget-minutes=10]");
    return 2;
}
