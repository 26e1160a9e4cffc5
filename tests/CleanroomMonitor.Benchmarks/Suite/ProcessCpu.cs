using System.Globalization;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>User + system CPU time a process has used so far, from /proc/&lt;pid&gt;/stat.</summary>
internal static class ProcessCpu
{
    private const double ClockTicksPerSecond = 100;   // USER_HZ on Linux x86-64

    public static TimeSpan Of(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }
}
