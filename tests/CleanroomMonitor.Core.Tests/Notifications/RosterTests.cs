using CleanroomMonitor.Core.Notifications;

namespace CleanroomMonitor.Core.Tests.Notifications;

public sealed class RosterTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static Shift Shift(string from, string to, params DayOfWeek[] days) =>
        new(days.ToHashSet(), TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), ["x"]);

    [Fact]
    public void OnCallAt_OvernightShift_CoversTheEarlyHoursOfTheNextDay()
    {
        var roster = new Roster("r", TimeZoneInfo.Utc, [Shift("19:00", "07:00", DayOfWeek.Friday) with { Contacts = ["night"] }], []);

        Assert.Equal(["night"], roster.OnCallAt(new DateTimeOffset(2026, 12, 12, 6, 59, 0, TimeSpan.Zero)));   // Saturday 06:59
        Assert.Empty(roster.OnCallAt(new DateTimeOffset(2026, 12, 12, 7, 0, 0, TimeSpan.Zero)));
        Assert.Empty(roster.OnCallAt(new DateTimeOffset(2026, 12, 11, 18, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void OnCallAt_SundayNightShift_WrapsIntoMonday()
    {
        var roster = new Roster("r", TimeZoneInfo.Utc, [Shift("22:00", "06:00", DayOfWeek.Sunday) with { Contacts = ["n"] }], []);

        Assert.Equal(["n"], roster.OnCallAt(new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero)));   // Monday 05:00
    }

    [Fact]
    public void OnCallAt_UsesTheRostersTimeZoneAcrossDaylightSaving()
    {
        var roster = new Roster("r", Berlin, [Shift("07:00", "19:00", DayOfWeek.Monday) with { Contacts = ["day"] }], []);

        // 07:00 in Berlin is 06:00 UTC in winter and 05:00 UTC in summer.
        Assert.Equal(["day"], roster.OnCallAt(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero)));
        Assert.Empty(roster.OnCallAt(new DateTimeOffset(2026, 12, 7, 5, 59, 0, TimeSpan.Zero)));
        Assert.Equal(["day"], roster.OnCallAt(new DateTimeOffset(2026, 6, 1, 5, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void OnCallAt_Override_ReplacesTheShift()
    {
        var roster = new Roster("r", TimeZoneInfo.Utc, [Shift("00:00", "12:00", DayOfWeek.Friday) with { Contacts = ["usual"] }],
            [new RosterOverride(new DateTime(2026, 12, 25, 0, 0, 0), new DateTime(2026, 12, 26, 0, 0, 0), ["holiday"], "Christmas")]);

        Assert.Equal(["holiday"], roster.OnCallAt(new DateTimeOffset(2026, 12, 25, 8, 0, 0, TimeSpan.Zero)));
        Assert.Equal(["usual"], roster.OnCallAt(new DateTimeOffset(2027, 1, 1, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Gaps_WeekdayDaysOnly_ShowsNightsAndWeekend()
    {
        var roster = new Roster("r", TimeZoneInfo.Utc,
            [Shift("07:00", "19:00", DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday)], []);

        var gaps = roster.Gaps();

        Assert.Equal((0, 7 * 60), gaps[0]);                               // Monday 00:00-07:00
        Assert.Equal((4 * 1440 + 19 * 60, 7 * 1440), gaps[^1]);           // Friday 19:00 to the end of Sunday
        Assert.Equal(6, gaps.Count);   // before Monday's shift, four weeknights, the weekend
    }

    [Fact]
    public void Overlaps_OvernightShiftIntoNextMorningShift_Overlaps()
    {
        Assert.True(Shift("19:00", "08:00", DayOfWeek.Monday).Overlaps(Shift("07:00", "19:00", DayOfWeek.Tuesday)));
        Assert.False(Shift("19:00", "07:00", DayOfWeek.Monday).Overlaps(Shift("07:00", "19:00", DayOfWeek.Tuesday)));
        Assert.True(Shift("22:00", "06:00", DayOfWeek.Sunday).Overlaps(Shift("05:00", "09:00", DayOfWeek.Monday)));
    }
}
