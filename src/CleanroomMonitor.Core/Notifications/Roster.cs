namespace CleanroomMonitor.Core.Notifications;

/// <summary>An on-call roster: weekly shifts in its time zone (the handovers are the shift boundaries), and overrides
/// that replace them for holidays. Nobody is on call outside the shifts: <see cref="Gaps"/> shows when, so the site
/// sees it before the night it matters.</summary>
public sealed record Roster(string Id, TimeZoneInfo Zone, IReadOnlyList<Shift> Shifts, IReadOnlyList<RosterOverride> Overrides)
{
    /// <summary>The contacts on call at <paramref name="at"/>: an override's if one covers it, otherwise the covering
    /// shift's; empty when nobody is.</summary>
    public IReadOnlyList<string> OnCallAt(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone).DateTime;
        return Overrides.FirstOrDefault(o => o.Covers(local))?.Contacts
            ?? Shifts.FirstOrDefault(s => s.Covers(local))?.Contacts
            ?? [];
    }

    /// <summary>The minutes of the week (Monday 00:00 = 0) no shift covers, as [start, end) intervals.</summary>
    public IReadOnlyList<(int Start, int End)> Gaps()
    {
        const int week = 7 * 24 * 60;
        var covered = new bool[week];
        foreach (var (start, end) in Shifts.SelectMany(s => s.Intervals()))
        {
            for (var m = start; m < end; m++)
            {
                covered[m % week] = true;
            }
        }
        var gaps = new List<(int, int)>();
        for (var m = 0; m < week; m++)
        {
            if (covered[m])
            {
                continue;
            }
            var start = m;
            while (m < week && !covered[m])
            {
                m++;
            }
            gaps.Add((start, m));
        }
        return gaps;
    }
}
