using System.Globalization;

namespace CleanroomMonitor.Benchmarks.LiveBoard;

/// <summary>The whole machine's CPU counters (/proc/stat, all cores): the figures of a shared 2-core machine mean
/// little without how busy everything else kept it.</summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice": idle and iowait are the idle ones.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return new MachineCpu(total - fields[3] - fields[4], total);
    }

    /// <summary>The share of all cores busy since <paramref name="earlier"/>, 0–1.</summary>
    public double BusySince(MachineCpu earlier) =>
        Total == earlier.Total ? 0 : (double)(Busy - earlier.Busy) / (Total - earlier.Total);

    /// <summary>/proc/loadavg's 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
