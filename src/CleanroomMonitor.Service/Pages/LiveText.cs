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

    /// <summary>What the tile counts, said on the tile: the room's excursions the user may see that are not closed yet
    /// (whatever their acknowledgement), of which the active ones, the same excursions the room's excursion list shows
    /// without its "Closed" rows (GMP issue "a tenant's tile says 5 open excursions while its list shows 1": the bare
    /// "5 open" was read as "5 unacknowledged" and compared with the banner and with filtered lists).</summary>
    public static string Excursions(int open, int active) => open == 0 && active == 0
        ? "no excursion waiting to be closed"
        : string.Create(CultureInfo.InvariantCulture, $"{open} excursion{(open == 1 ? "" : "s")} not closed yet ({active} still active)");
}
