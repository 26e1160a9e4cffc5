using CleanroomMonitor.Benchmarks.Suite;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks.Notifications;

/// <summary>The suite's notification rows (issue 18), on the suite's broker and InfluxDB: delivery latency under 5,000
/// readings/s, a burst of 100 excursions, and the burst with a SIGKILL and a restart. About 45 s in all. The command
/// <c>notify-rows</c> runs them alone, exactly as the suite does.</summary>
internal static class NotificationRows
{
    private const int Rate = 5000;
    private const int Breaches = 50;
    private const int KillAfter = 40;

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine("notification rows of the benchmark suite (issue 18), on loopback; the service runs as its own process");
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        var table = new BenchmarkTable();
        var complete = await AddAsync(table, broker, influx, cancellationToken);
        table.Print(Console.Out);
        return complete ? 0 : 1;
    }

    /// <summary>Adds the rows; false when a notification was missing.</summary>
    public static async Task<bool> AddAsync(BenchmarkTable table, MosquittoProcess broker, InfluxProcess influx, CancellationToken cancellationToken)
    {
        var latency = await NotificationLatencyBenchmark.MeasureAsync(broker, influx, Rate, Breaches, cancellationToken);
        var context = $"n = {latency.Email.Count} / {latency.Gateway.Count} of {latency.Breaches} breaches, each its own excursion, beside {latency.AchievedRate:N0} readings/s";
        table.Add("notification latency p50, email", At(latency.Email, 0.5), "ms", note: "breach publish → mail accepted by the SMTP server (its own arrival stamp); " + context);
        table.Add("  p99 (= max of 50), email", At(latency.Email, 0.99), "ms", note: $"p90 {At(latency.Email, 0.9):F1} ms; cold first breach {latency.ColdEmail:F0} ms (not counted)");
        table.Add("notification latency p50, SMS gateway", At(latency.Gateway, 0.5), "ms", note: "breach publish → request received by the gateway (Kestrel on loopback); " + context);
        table.Add("  p99 (= max of 50), SMS gateway", At(latency.Gateway, 0.99), "ms",
            note: $"p90 {At(latency.Gateway, 0.9):F1} ms; cold first breach {latency.ColdGateway:F0} ms (not counted); {latency.Duplicates} duplicates");
        table.Add("  of which publish → deliveries planned, p50", At(latency.Planned, 0.5), "ms",
            note: $"p99 {At(latency.Planned, 0.99):F1} ms: judging, recording and the dispatcher, before any channel (the delivery record's creation time)");

        var burst = await NotificationBurstBenchmark.MeasureAsync(broker, influx, killAfter: null, cancellationToken);
        NotificationBurstBenchmark.Print("burst", burst);
        var owed = 2 * NotificationBurstBenchmark.Excursions;
        table.Add($"notification burst, {NotificationBurstBenchmark.Excursions} excursions at once: to the last", burst.ToLast.TotalSeconds, "s", "≤ 10",
            burst.ToLast <= TimeSpan.FromSeconds(10) && burst.Missing == 0,
            $"{burst.Delivered} of {owed} notifications (a mail and a gateway request each), {burst.Duplicates} duplicates, {burst.Missing} missing");

        var killed = await NotificationBurstBenchmark.MeasureAsync(broker, influx, KillAfter, cancellationToken);
        NotificationBurstBenchmark.Print("burst, SIGKILL", killed);
        table.Add("  the same, SIGKILL mid-burst + restart: missing", killed.Missing, "notifications", "0", killed.Missing == 0,
            $"killed after {killed.AtKill} of {owed} arrived; {killed.Delivered} delivered, {killed.Duplicates} sent twice (accepted as the kill landed)");
        table.Add("  complete after the restart's launch", killed.AfterRestart.TotalSeconds, "s",
            note: $"ready again in {killed.Restart.TotalSeconds:F1} s; last notification {killed.ToLast.TotalSeconds:F1} s after the burst");
        return burst.Missing == 0 && killed.Missing == 0 && latency.Email.Count == Breaches && latency.Gateway.Count == Breaches;
    }

    private static double At(IReadOnlyList<double> sorted, double quantile) => NotificationLatencyBenchmark.Result.At(sorted, quantile);
}
