using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks;

/// <summary>What keeping the records in PostgreSQL instead of the SQLite file costs the alert path (issue 22): the alert
/// benchmark run with each engine in turn, alternated round by round in one process, so both see the same machine.</summary>
/// <remarks>Every excursion is committed (record and audit entry in one transaction) before its alert goes out, so the
/// engine's commit is on the alert path; PostgreSQL adds a network round trip per statement and its own fsync.</remarks>
internal static class AlertRecordEnginesBenchmark
{
    public static async Task<int> RunAsync(int ratePerSecond, TimeSpan duration, int rounds, CancellationToken cancellationToken)
    {
        Console.WriteLine($"alert latency by record engine: {ratePerSecond:N0} readings/s background load, {duration.TotalSeconds:0} s measured per run, " +
                          $"{rounds} rounds of SQLite then PostgreSQL 15 (same machine, loopback)");
        await using var postgres = await PostgresProcess.StartAsync(cancellationToken);
        var sqlite = new List<AlertLatencyBenchmark.Result>();
        var postgresRuns = new List<AlertLatencyBenchmark.Result>();
        for (var round = 1; round <= rounds; round++)
        {
            var onFile = await AlertLatencyBenchmark.MeasureAsync(ratePerSecond, duration, cancellationToken);
            Print($"round {round} SQLite", onFile);
            sqlite.Add(onFile);
            var database = await postgres.CreateDatabaseAsync(cancellationToken);
            var onServer = await AlertLatencyBenchmark.MeasureAsync(ratePerSecond, duration, cancellationToken, database);
            Print($"round {round} PostgreSQL", onServer);
            postgresRuns.Add(onServer);
        }
        var sqliteP99 = Median(sqlite.Select(r => r.AlertAt(0.99)));
        var postgresP99 = Median(postgresRuns.Select(r => r.AlertAt(0.99)));
        Console.WriteLine($"  median alert p99: SQLite {sqliteP99:F2} ms, PostgreSQL {postgresP99:F2} ms, ratio {postgresP99 / sqliteP99:F2}");
        Console.WriteLine($"  median alert p50: SQLite {Median(sqlite.Select(r => r.AlertAt(0.5))):F2} ms, PostgreSQL {Median(postgresRuns.Select(r => r.AlertAt(0.5))):F2} ms");
        Console.WriteLine($"  probes without an alert: SQLite {sqlite.Sum(r => r.Missing)}, PostgreSQL {postgresRuns.Sum(r => r.Missing)}");
        return sqlite.Concat(postgresRuns).All(r => r.Alert.Count > 0) ? 0 : 1;
    }

    private static void Print(string run, AlertLatencyBenchmark.Result result) =>
        Console.WriteLine($"  {run,-20} alert p50 {result.AlertAt(0.5),6:F2} ms  p99 {result.AlertAt(0.99),6:F2} ms  max {result.AlertAt(1),6:F2} ms  " +
                          $"n={result.Alert.Count}  broker floor p99 {result.FloorAt(0.99),5:F2} ms  missing {result.Missing}");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
