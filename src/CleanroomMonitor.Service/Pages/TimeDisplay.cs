namespace CleanroomMonitor.Service.Pages;

/// <summary>Which clock the web pages show a time in; the other one is the time's tooltip (docs/web.md "Times").</summary>
public enum TimeDisplay
{
    /// <summary>The site's time zone (the facility file's <c>site.timeZone</c>), UTC on hover.</summary>
    Site,

    /// <summary>UTC, the site's time on hover: for a facility whose people work across zones.</summary>
    Utc,
}
