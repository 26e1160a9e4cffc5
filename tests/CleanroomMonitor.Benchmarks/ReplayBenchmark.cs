using System.Diagnostics;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Replay;

namespace CleanroomMonitor.Benchmarks;

/// <summary>The replay of a limit proposal (docs/excursions.md "Replaying history under other limits"): 30 days of one
/// grade B room, 7 series at one reading per 6 s (two particle counters with their ≥0.5 and ≥5.0 µm channels, a
/// differential pressure, a temperature and a humidity channel), with breaches, replayed under the current and a proposed
/// setting in one pass, in process. Beside it the reference: one <see cref="ExcursionTracker"/> judging the same readings
/// as the engine does live. Prints figures; asserts nothing but that the replay of unchanged limits equals the reference.</summary>
internal static class ReplayBenchmark
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Room = new("b1");
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(6);

    public static int Run(int days, int rounds)
    {
        var current = FacilityReader.Parse(FacilityJson, "bench.json");
        var proposed = ProposedLimits.Read("""
            { "sensors": { "pc1": { "particles_0_5um": { "alert": 1500 } }, "pc2": { "particles_0_5um": { "alert": 1500 } } },
              "rooms": { "b1": { "differential_pressure": { "alert": { "low": 11 } }, "relative_humidity": { "alert": { "low": 32, "high": 58 } } } } }
            """, current, "bench proposal").Apply(current);
        var readings = Readings(days);
        var to = Start.AddDays(days);
        Console.WriteLine($"replay benchmark: {days} days of room {Room}, {readings.Length:N0} readings (7 series, one reading per {Interval.TotalSeconds:0} s), {rounds} rounds (median), in process");
        Console.WriteLine($"  memory of the readings held for the run: {GC.GetTotalMemory(true) / 1e6:F0} MB (the service streams them from InfluxDB instead)");

        var reference = new List<double>();
        var replays = new List<double>();
        ReplayComparison? comparison = null;
        var referenceCount = 0;
        var allocatedPerReading = 0.0;
        for (var round = 0; round <= rounds; round++)
        {
            GC.Collect();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var tracker = new ExcursionTracker(current, Start);
            var raised = 0;
            foreach (var reading in readings)
            {
                var outcome = tracker.OnReading(reading);
                if (!outcome.IsEmpty)
                {
                    raised += outcome.Excursions.Count(c => c.Action == ExcursionAction.Raised && ReplayedExcursion.IsJudgedFromLimits(c.After.Kind));
                }
            }
            var referenceTime = clock.Elapsed;
            allocatedPerReading = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / readings.Length;

            GC.Collect();
            clock.Restart();
            comparison = LimitReplay.Run(current, proposed, ReplayPeriod.Quiet(Room, Start, to), readings);
            var replayTime = clock.Elapsed;
            referenceCount = raised;
            Console.WriteLine($"  round {round}{(round == 0 ? " (warm-up)" : "")}: reference {referenceTime.TotalSeconds:F2} s, replay of both settings {replayTime.TotalSeconds:F2} s");
            if (round > 0)
            {
                reference.Add(referenceTime.TotalSeconds);
                replays.Add(replayTime.TotalSeconds);
            }
        }
        if (comparison!.Current.Count != referenceCount)
        {
            Console.Error.WriteLine($"the replay of the current limits raised {comparison.Current.Count} excursions, the reference tracker {referenceCount}");
            return 1;
        }
        var replay = Median(replays);
        var live = Median(reference);
        Console.WriteLine($"  reference: one ExcursionTracker, as live   {live,6:F2} s  {readings.Length / live,12:N0} readings/s");
        Console.WriteLine($"  replay, current + proposed in one pass   {replay,6:F2} s  {readings.Length / replay,12:N0} readings/s ({replay / live:F2} × the reference; each reading judged twice)");
        Console.WriteLine($"  allocated by the reference tracker: {allocatedPerReading:F0} bytes per reading");
        Console.WriteLine($"  excursions: current {comparison.Current.Count} ({comparison.Current.Count(e => e.Level == LimitLevel.Alert)} alert, {comparison.Current.Count(e => e.Level == LimitLevel.Action)} action), " +
            $"proposed {comparison.Proposed.Count} ({comparison.Proposed.Count(e => e.Level == LimitLevel.Alert)} alert, {comparison.Proposed.Count(e => e.Level == LimitLevel.Action)} action), " +
            $"{comparison.Differences.Count} differing instants");
        return 0;
    }

    /// <summary>Quiet air with breaches: a few particle bursts a day (≥0.5 µm above the proposed alert, some above the
    /// action limit; single ≥5.0 µm counts and a run of them), a pressure dip a day, humidity drifting over a day.</summary>
    private static Reading[] Readings(int days)
    {
        var random = new Random(21);
        var steps = (int)(TimeSpan.FromDays(days) / Interval);
        var readings = new Reading[steps * 7];
        var pc1 = new SensorId("pc1");
        var pc2 = new SensorId("pc2");
        var dp = new SensorId("dp1");
        var th = new SensorId("th1");
        const double litres = 28.3 / 10;   // 6 s at 28.3 L/min
        var n = 0;
        for (var step = 0; step < steps; step++)
        {
            var at = Start + step * Interval;
            var ofDay = step % 14_400;
            var burst = ofDay is >= 3_000 and < 3_030 or >= 9_000 and < 9_012;
            var heavy = ofDay is >= 9_000 and < 9_012;
            foreach (var counter in (ReadOnlySpan<SensorId>)[pc1, pc2])
            {
                long half = burst ? (heavy ? 12 : 5) + random.Next(3) : random.Next(3);
                long five = ofDay is >= 6_000 and < 6_004 ? 1 : random.Next(2_000) == 0 ? 1 : 0;
                readings[n++] = new Reading(counter, Room, Parameter.ParticlesHalfMicron, half * 1000 / litres, at, TimeSource.Device, at, half, litres);
                readings[n++] = new Reading(counter, Room, Parameter.ParticlesFiveMicron, five * 1000 / litres, at, TimeSource.Device, at, five, litres);
            }
            var pressure = ofDay is >= 12_000 and < 12_020 ? 9.0 : 14 + random.NextDouble();
            readings[n++] = new Reading(dp, Room, Parameter.DifferentialPressure, pressure, at, TimeSource.Device, at);
            readings[n++] = new Reading(th, Room, Parameter.Temperature, 20.5 + random.NextDouble(), at, TimeSource.Device, at);
            readings[n++] = new Reading(th, Room, Parameter.RelativeHumidity, 45 + 15 * Math.Sin(ofDay * Math.Tau / 14_400), at, TimeSource.Device, at);
        }
        return readings;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private const string FacilityJson = """
        {
          "site": { "id": "bench", "name": "Benchmark", "timeZone": "UTC" },
          "rooms": [
            { "id": "b1", "name": "Grade B suite", "grade": "B", "adjacent": ["c1"],
              "limits": { "temperature": { "alert": { "low": 19, "high": 23 }, "action": { "low": 18, "high": 25 } },
                          "relative_humidity": { "alert": { "low": 30, "high": 60 }, "action": { "low": 25, "high": 65 } },
                          "differential_pressure": { "alert": { "low": 12 } },
                          "particles_0_5um": { "alert": 2000 } } },
            { "id": "c1", "name": "Grade C corridor", "grade": "C", "adjacent": ["b1"] }
          ],
          "sensors": [
            { "id": "pc1", "room": "b1", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "6s" },
            { "id": "pc2", "room": "b1", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "6s" },
            { "id": "dp1", "room": "b1", "parameters": ["differential_pressure"], "reference": "c1", "interval": "6s" },
            { "id": "th1", "room": "b1", "parameters": ["temperature", "relative_humidity"], "interval": "6s" }
          ]
        }
        """;
}
