using System.Globalization;
using System.Text.Encodings.Web;
using CleanroomMonitor.Core.Facility;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Pages;

/// <summary>Shows a time as stored (UTC) and in the site's time zone, as docs/gmp.md §8 asks of every record shown or
/// printed. The one convention of the pages (docs/web.md "Times"): a time is shown in the site's zone with UTC on
/// hover (<see cref="Time"/>), or the other way round where <see cref="TimeDisplayOptions.Times"/> says <c>Utc</c>.</summary>
public sealed class SiteClock(FacilityDefinition facility, TimeProvider time, IOptions<TimeDisplayOptions> display)
{
    public TimeZoneInfo Zone => facility.Site.TimeZone;

    public string ZoneName => facility.Site.TimeZone.Id;

    /// <summary>The zone times are shown in: the site's, or UTC when so configured.</summary>
    public TimeZoneInfo ShownZone => display.Value.Times == TimeDisplay.Utc ? TimeZoneInfo.Utc : Zone;

    /// <summary>The zone of the tooltip: the one not shown.</summary>
    public TimeZoneInfo HoverZone => display.Value.Times == TimeDisplay.Utc ? Zone : TimeZoneInfo.Utc;

    public string ShownZoneName => NameOf(ShownZone);

    /// <summary>The charts' axes follow the same convention as the page times.</summary>
    public ChartTime Chart => new(ShownZone, HoverZone);

    public static string NameOf(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.Id;

    /// <summary>The time as shown ("2026-03-02 07:00:00 Europe/Berlin"), in the shown zone.</summary>
    public string Shown(DateTimeOffset at) => In(at, ShownZone);

    /// <summary>The time in the other zone, for the tooltip.</summary>
    public string Hover(DateTimeOffset at) => In(at, HoverZone);

    /// <summary>A <c>&lt;time&gt;</c> element: the shown time as text, the instant (UTC) as its datetime, the other zone as its title.</summary>
    public IHtmlContent Time(DateTimeOffset at, string? id = null)
    {
        var encoder = HtmlEncoder.Default;
        var idAttribute = id is null ? "" : $" id=\"{encoder.Encode(id)}\"";
        return new HtmlString($"<time{idAttribute} datetime=\"{Iso(at)}\" title=\"{encoder.Encode(Hover(at))}\" data-zone=\"{encoder.Encode(ShownZone == TimeZoneInfo.Utc ? "UTC" : ShownZone.Id)}\" " +
            $"data-hover-zone=\"{encoder.Encode(HoverZone == TimeZoneInfo.Utc ? "UTC" : HoverZone.Id)}\">{encoder.Encode(Shown(at))}</time>");
    }

    private static string In(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + NameOf(zone);

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
