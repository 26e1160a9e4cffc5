using System.Globalization;

namespace CleanroomMonitor.Service.Pages;

/// <summary>The few texts the live board shows, written the same way by the page and by live.js.</summary>
public static class LiveText
{
    public static string Age(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds / 60):0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds / 3600):0} h"),
    };

    /// <summary>How long ago, as the banner of unacknowledged excursions says it: "4 min ago".</summary>
    public static string Ago(double seconds) => Age(seconds) + " ago";

    public static string Excursions(int open, int active) => open == 0 && active == 0
        ? "no open excursions"
        : string.Create(CultureInfo.InvariantCulture, $"{open} open excursion{(open == 1 ? "" : "s")} ({active} active)");
}
