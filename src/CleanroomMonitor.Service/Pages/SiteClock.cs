using System.Globalization;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Pages;

/// <summary>Shows a time as stored (UTC) and in the site's time zone, as docs/gmp.md §8 asks of every record shown or printed.</summary>
public sealed class SiteClock(FacilityDefinition facility, TimeProvider time)
{
    public TimeZoneInfo Zone => facility.Site.TimeZone;

    public string ZoneName => facility.Site.TimeZone.Id;

    public DateTimeOffset Now => time.GetUtcNow();

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public string Local(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + ZoneName + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
    }

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan? span) => span switch
    {
        null => "ongoing",
        { TotalDays: >= 1 } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays} d {d.Hours} h {d.Minutes} min"),
        { TotalHours: >= 1 } h => string.Create(CultureInfo.InvariantCulture, $"{(int)h.TotalHours} h {h.Minutes} min"),
        { TotalMinutes: >= 1 } m => string.Create(CultureInfo.InvariantCulture, $"{(int)m.TotalMinutes} min {m.Seconds} s"),
        var s => string.Create(CultureInfo.InvariantCulture, $"{s.Value.TotalSeconds:0} s"),
    };

    /// <summary>A date picked on a page is a calendar day at the site: its start in UTC.</summary>
    public DateTimeOffset StartOfSiteDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>A date and time typed into a page (<c>datetime-local</c>) is site time: the instant it names.</summary>
    public DateTimeOffset FromSiteTime(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    /// <summary>The value a <c>datetime-local</c> input shows for <paramref name="at"/>: site time to the minute.</summary>
    public string SiteInput(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
