using CleanroomMonitor.Service.TrendReports;

namespace CleanroomMonitor.Service.Tests.TrendReports;

public sealed class TrendPeriodTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_Month_SiteMidnightsInUtcAndPreviousMonth()
    {
        var (period, error) = TrendPeriod.Parse("2026-11", null, null, Berlin, Now);

        Assert.Null(error);
        Assert.Equal((new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), "2026-11"),
            (period!.From, period.To, period.Month));
        var previous = period.Previous(Berlin);
        // October ends on winter time: its first midnight is still summer time (+02:00).
        Assert.Equal((new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero), period.From, "2026-10"), (previous.From, previous.To, previous.Month));
    }

    [Fact]
    public void Parse_Nothing_CurrentMonthInSiteTime()
    {
        // 23:30 UTC on 31 December is already January in Berlin.
        var (period, _) = TrendPeriod.Parse(null, null, null, Berlin, new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal("2027-01", period!.Month);
    }

    [Fact]
    public void Parse_FromTo_FreePeriodAndPreviousOfSameLength()
    {
        var (period, error) = TrendPeriod.Parse(null, "2026-11-02T08:00:00+01:00", "2026-11-02T20:00:00Z", Berlin, Now);

        Assert.Null(error);
        Assert.Equal((new DateTimeOffset(2026, 11, 2, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 20, 0, 0, TimeSpan.Zero), (string?)null),
            (period!.From, period.To, period.Month));
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 18, 0, 0, TimeSpan.Zero), period.From), (period.Previous(Berlin).From, period.Previous(Berlin).To));
    }

    [Theory]
    [InlineData("2026-13", null, null, "not a month in the form yyyy-MM")]
    [InlineData("1999-12", null, null, "from 2000 on")]
    [InlineData("2026-11", "2026-11-01T00:00:00Z", null, "not both")]
    [InlineData(null, "2026-11-01T00:00:00Z", null, "needs both")]
    [InlineData(null, "2026-11-01T00:00:00", "2026-11-02T00:00:00Z", "with an offset")]
    [InlineData(null, "2026-11-01T00:00:00Z", "yesterday", "to 'yesterday'")]
    [InlineData(null, "2026-11-02T00:00:00Z", "2026-11-02T00:00:00Z", "must be after")]
    [InlineData(null, "2025-01-01T00:00:00Z", "2026-11-02T00:00:00Z", "longer than 400 days")]
    public void Parse_BadQuery_NamesTheProblem(string? month, string? from, string? to, string expected)
    {
        var (period, error) = TrendPeriod.Parse(month, from, to, Berlin, Now);

        Assert.Null(period);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
