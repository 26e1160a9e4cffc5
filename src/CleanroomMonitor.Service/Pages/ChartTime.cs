using System.Globalization;

namespace CleanroomMonitor.Service.Pages;

/// <summary>The time convention of a chart: axis labels in <see cref="Shown"/> (the site's zone, or UTC where the
/// installation shows UTC), and the instant in <see cref="Hover"/> as the tooltip (<see cref="SiteClock"/>).</summary>
public sealed record ChartTime(TimeZoneInfo Shown, TimeZoneInfo Hover)
{
    public static ChartTime Utc { get; } = new(TimeZoneInfo.Utc, TimeZoneInfo.Utc);

    public string Label(DateTimeOffset at, string format) => TimeZoneInfo.ConvertTime(at, Shown).ToString(format, CultureInfo.InvariantCulture);

    public string Title(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Hover).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + SiteClock.NameOf(Hover);
}
