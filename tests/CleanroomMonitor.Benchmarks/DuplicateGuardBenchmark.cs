using System.Diagnostics;
using System.Text;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Benchmarks;

/// <summary>The cost of the same-instant check (issue 15 item 6) per reading, in process, beside a reference measured in
/// the same run: the normalisation the ingest pump does on the same readings just before it. Prints figures; asserts
/// nothing. In-order readings are the production case; repeats and out-of-order readings are timed apart.</summary>
internal static class DuplicateGuardBenchmark
{
    /// <summary>The service's CPU per reading in the last suite run (docs/benchmarks.md, 45,000 readings/s).</summary>
    private const double ServiceNanosecondsPerReading = 19_300;

    public static int Run(int readings, int sensors, int rounds)
    {
        Console.WriteLine($"duplicate guard benchmark: {readings:N0} readings of {sensors:N0} sensors, {rounds} rounds (median), in process");
        var facility = FacilityReader.Parse(Facility(sensors), "bench.json");
        var normalizer = new SampleNormalizer(facility, new IngestOptions { MaxAge = TimeSpan.FromDays(3650) });
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var samples = new SensorSample[readings];
        for (var i = 0; i < readings; i++)
        {
            var at = start.AddMilliseconds(1 + i / sensors);
            samples[i] = new SensorSample(new SensorId("s" + (i % sensors)), at, at, [new SampleValue(Parameter.Temperature, 20 + i % 100 / 100.0, false)], "bench");
        }
        var normalized = new List<Reading>(readings);
        foreach (var sample in samples)
        {
            normalizer.Normalize(sample, normalized);
        }
        var inOrder = normalized.ToArray();
        var warm = inOrder.Take(sensors).Select(r => r with { Timestamp = start }).ToArray();
        var outOfOrder = (Reading[])inOrder.Clone();
        for (var i = 0; i + sensors < outOfOrder.Length; i += 2 * sensors)
        {
            // Each series' readings arrive in swapped pairs: every second one is older than the newest.
            for (var s = 0; s < sensors && i + sensors + s < outOfOrder.Length; s++)
            {
                (outOfOrder[i + s], outOfOrder[i + sensors + s]) = (outOfOrder[i + sensors + s], outOfOrder[i + s]);
            }
        }

        var reference = new List<double>();
        var newInOrder = new List<double>();
        var repeats = new List<double>();
        var late = new List<double>();
        long allocated = 0;
        var scratch = new List<Reading>(4);
        for (var round = 0; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var sample in samples)
            {
                scratch.Clear();
                normalizer.Normalize(sample, scratch);
            }
            var normalizeNs = clock.Elapsed.TotalNanoseconds / readings;

            var guard = Warmed(warm);
            var before = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            var kept = 0;
            foreach (var reading in inOrder)
            {
                kept += guard.Check(reading, out _) == DuplicateKind.New ? 1 : 0;
            }
            var inOrderNs = clock.Elapsed.TotalNanoseconds / readings;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

            guard = Warmed(warm);
            clock.Restart();
            foreach (var reading in inOrder)
            {
                // Every message delivered twice in a row (an MQTT redelivery): the second is the repeat.
                guard.Check(reading, out _);
                kept += guard.Check(reading, out _) == DuplicateKind.Repeat ? 1 : 0;
            }
            var repeatNs = clock.Elapsed.TotalNanoseconds / readings - inOrderNs;

            guard = Warmed(warm);
            clock.Restart();
            foreach (var reading in outOfOrder)
            {
                kept += guard.Check(reading, out _) == DuplicateKind.New ? 1 : 0;
            }
            var lateNs = clock.Elapsed.TotalNanoseconds / readings;
            if (kept != 3 * readings)
            {
                Console.Error.WriteLine($"unexpected outcomes: {kept:N0} of {3 * readings:N0} as expected ({string.Join(", ", Outcomes(Warmed(warm), inOrder))}; late: {string.Join(", ", Outcomes(Warmed(warm), outOfOrder))})");
                return 1;
            }
            if (round == 0)
            {
                continue;   // warm-up: the JIT's first tiers
            }
            reference.Add(normalizeNs);
            newInOrder.Add(inOrderNs);
            repeats.Add(repeatNs);
            late.Add(lateNs);
            allocated += bytes;
        }

        var beforeSeries = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(Warmed(warm));
        var perSeries = (double)(GC.GetAllocatedBytesForCurrentThread() - beforeSeries) / sensors;
        var guardNs = Median(newInOrder);
        Console.WriteLine($"  reference: SampleNormalizer.Normalize   {Median(reference),8:F1} ns per reading");
        Console.WriteLine($"  guard, in order (new readings)       {guardNs,8:F1} ns per reading ({guardNs / Median(reference):P0} of the reference, "
            + $"{guardNs / ServiceNanosecondsPerReading:P2} of the service's {ServiceNanosecondsPerReading / 1000:F1} µs CPU per reading)");
        Console.WriteLine($"  guard, a repeat of the latest        {Median(repeats),8:F1} ns per repeat (each reading twice, less the in-order time)");
        Console.WriteLine($"  guard, every second reading late     {Median(late),8:F1} ns per reading");
        Console.WriteLine($"  allocated by the guard in order      {(double)allocated / rounds / readings,8:F2} bytes per reading");
        Console.WriteLine($"  memory per series (window {new IngestOptions().DuplicateWindow})          {perSeries,8:F0} bytes allocated once, when its first reading arrives");
        return 0;
    }

    private static DuplicateGuard Warmed(Reading[] warm)
    {
        // Each series exists before timing starts: the steady state, not a series' one-time creation, is measured.
        var guard = new DuplicateGuard(new IngestOptions().DuplicateWindow);
        foreach (var reading in warm)
        {
            guard.Check(reading, out _);
        }
        return guard;
    }

    private static IEnumerable<string> Outcomes(DuplicateGuard guard, Reading[] readings) =>
        readings.Select(r => guard.Check(r, out _)).GroupBy(k => k).Select(g => $"{g.Key} {g.Count():N0}");

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string Facility(int sensors)
    {
        var json = new StringBuilder("""{ "site": { "id": "bench", "name": "Benchmark", "timeZone": "UTC" }, "rooms": [ { "id": "r0", "name": "Room", "grade": "C" } ], "sensors": [""");
        json.AppendJoin(",", Enumerable.Range(0, sensors).Select(s => "{ \"id\": \"s" + s + "\", \"room\": \"r0\", \"parameters\": [\"temperature\"], \"interval\": \"1s\" }"));
        return json.Append("]}").ToString();
    }
}
