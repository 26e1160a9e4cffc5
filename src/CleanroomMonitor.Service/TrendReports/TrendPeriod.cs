using System.Globalization;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>The period [From, To) of a trend report: a calendar month in the site's time zone (<c>?month=2026-11</c>,
/// the default being the current month), or any <c>?from=&amp;to=</c> with offsets. <see cref="Previous"/> is the period
/// the adverse-trend rules compare with: the month before, or the window of the same length just before.</summary>
/// <param name="Month">"yyyy-MM" for a calendar month; null for a free period.</param>
public sealed record TrendPeriod(DateTimeOffset From, DateTimeOffset To, string? Month)
{
    /// <summary>The longest free period: a year and a bit, so a yearly review fits and a typo of a century is refused.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(400);

    public string Label => Month ?? $"{From.UtcDateTime:yyyy-MM-dd HH:mm}Z to {To.UtcDateTime:yyyy-MM-dd HH:mm}Z";

    /// <summary>The query string that names this period again.</summary>
    public string Query => Month is not null ? $"month={Month}"
        : $"from={Uri.EscapeDataString(From.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(To.ToString("O", CultureInfo.InvariantCulture))}";

    public TrendPeriod Previous(TimeZoneInfo siteZone)
    {
        if (Month is not null)
        {
            var first = DateTime.ParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture).AddMonths(-1);
            return OfMonth(first.Year, first.Month, siteZone);
        }
        return new TrendPeriod(From - (To - From), From, null);
    }

    public static TrendPeriod OfMonth(int year, int month, TimeZoneInfo siteZone)
    {
        ArgumentNullException.ThrowIfNull(siteZone);
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var next = first.AddMonths(1);
        return new TrendPeriod(AtSite(first, siteZone), AtSite(next, siteZone), first.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }

    /// <summary>The month that holds <paramref name="at"/> in the site's time zone.</summary>
    public static TrendPeriod MonthOf(DateTimeOffset at, TimeZoneInfo siteZone)
    {
        ArgumentNullException.ThrowIfNull(siteZone);
        var local = TimeZoneInfo.ConvertTime(at, siteZone);
        return OfMonth(local.Year, local.Month, siteZone);
    }

    /// <summary>The period asked for, or a sentence saying what is wrong with the query.</summary>
    public static (TrendPeriod? Period, string? Error) Parse(string? month, string? from, string? to, TimeZoneInfo siteZone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(siteZone);
        if (month is not null && (from is not null || to is not null))
        {
            return (null, "give either month=yyyy-MM or from= and to=, not both");
        }
        if (month is not null)
        {
            if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || first.Year < 2000)
            {
                return (null, $"month '{month}' is not a month in the form yyyy-MM (e.g. 2026-11) from 2000 on");
            }
            return (OfMonth(first.Year, first.Month, siteZone), null);
        }
        if (from is null && to is null)
        {
            return (MonthOf(now, siteZone), null);
        }
        if (from is null || to is null)
        {
            return (null, "a free period needs both from= and to= (ISO 8601 with an offset, e.g. 2026-11-01T00:00:00+01:00)");
        }
        if (!TryTime(from, out var start))
        {
            return (null, $"from '{from}' is not an ISO 8601 time with an offset (e.g. 2026-11-01T00:00:00+01:00)");
        }
        if (!TryTime(to, out var end))
        {
            return (null, $"to '{to}' is not an ISO 8601 time with an offset (e.g. 2026-12-01T00:00:00+01:00)");
        }
        if (end <= start)
        {
            return (null, $"to ({to}) must be after from ({from})");
        }
        if (end - start > MaxLength)
        {
            return (null, $"the period from {from} to {to} is longer than {MaxLength.TotalDays:0} days");
        }
        return (new TrendPeriod(start.ToUniversalTime(), end.ToUniversalTime(), null), null);
    }

    private static bool TryTime(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at)
        && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal) && text.Contains('T', StringComparison.Ordinal));

    private static DateTimeOffset AtSite(DateTime local, TimeZoneInfo zone)
    {
        // A midnight that a daylight-saving jump skips starts the day at the first time that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
