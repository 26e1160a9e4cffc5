namespace CleanroomMonitor.Core.Notifications;

/// <summary>A weekly shift of a roster in the roster's time zone: on each of <paramref name="Days"/> from
/// <paramref name="From"/> to <paramref name="To"/>. A shift whose end is not after its start runs past midnight into the
/// next day (19:00 to 07:00), and belongs to the day it starts on.</summary>
public sealed record Shift(IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To, IReadOnlyList<string> Contacts)
{
    private const int MinutesPerDay = 24 * 60;
    private const int MinutesPerWeek = 7 * MinutesPerDay;

    public TimeSpan Length => To > From ? To - From : TimeSpan.FromDays(1) - (From - To);

    /// <summary>Whether the shift covers the local time <paramref name="local"/>.</summary>
    public bool Covers(DateTime local) => Intervals().Any(i => Within(MinuteOfWeek(local), i.Start, i.End));

    /// <summary>The minutes of the week (Monday 00:00 = 0) the shift covers, one interval per day; an interval that runs
    /// past Sunday midnight ends beyond the week and is read modulo a week.</summary>
    public IEnumerable<(int Start, int End)> Intervals()
    {
        foreach (var day in Days)
        {
            var start = DayIndex(day) * MinutesPerDay + (From.Hour * 60) + From.Minute;
            yield return (start, start + (int)Length.TotalMinutes);
        }
    }

    /// <summary>Whether two shifts cover a common minute of the week.</summary>
    public bool Overlaps(Shift other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Intervals().Any(a => other.Intervals().Any(b => Meet(a, b) || Meet(a, (b.Start + MinutesPerWeek, b.End + MinutesPerWeek))
            || Meet((a.Start + MinutesPerWeek, a.End + MinutesPerWeek), b)));
    }

    private static bool Meet((int Start, int End) a, (int Start, int End) b) => a.Start < b.End && b.Start < a.End;

    private static bool Within(int minute, int start, int end) =>
        (minute >= start && minute < end) || (minute + MinutesPerWeek >= start && minute + MinutesPerWeek < end);

    private static int MinuteOfWeek(DateTime local) => (DayIndex(local.DayOfWeek) * MinutesPerDay) + (local.Hour * 60) + local.Minute;

    private static int DayIndex(DayOfWeek day) => ((int)day + 6) % 7;
}
