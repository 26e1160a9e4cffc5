using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.Reports;

/// <summary>How a period is answered: the whole hours inside it that a roll-up can answer, and the raw ranges left (the
/// partial hours at its edges, and any hour without a trustworthy roll-up), merged where they touch.</summary>
public sealed record PeriodPlan(IReadOnlyList<DateTimeOffset> Hours, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Raw)
{
    public static PeriodPlan Split(DateTimeOffset from, DateTimeOffset to, Func<DateTimeOffset, bool> rolledUp)
    {
        ArgumentNullException.ThrowIfNull(rolledUp);
        var hours = new List<DateTimeOffset>();
        var raw = new List<(DateTimeOffset, DateTimeOffset)>();
        var cursor = from;
        var hour = RollupSchema.HourOf(from);
        if (hour < from)
        {
            hour += RollupSchema.Hour;
        }
        for (; hour + RollupSchema.Hour <= to; hour += RollupSchema.Hour)
        {
            if (!rolledUp(hour))
            {
                continue;
            }
            if (cursor < hour)
            {
                raw.Add((cursor, hour));
            }
            hours.Add(hour);
            cursor = hour + RollupSchema.Hour;
        }
        if (cursor < to)
        {
            raw.Add((cursor, to));
        }
        return new PeriodPlan(hours, raw);
    }
}
