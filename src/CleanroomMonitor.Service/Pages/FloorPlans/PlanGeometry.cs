using System.Globalization;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Pages.FloorPlans;

/// <summary>A rectangle on the drawn plan, in SVG user units (pixels at natural size).</summary>
public sealed record PlanRect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double CentreX => X + Width / 2;

    public double CentreY => Y + Height / 2;
}

/// <summary>A cascade arrow: the shaft from (X1, Y1) to the tip (X2, Y2), the head as SVG polygon points, and where
/// its label goes (<see cref="Anchor"/> is the SVG text-anchor).</summary>
public sealed record PlanArrow(double X1, double Y1, double X2, double Y2, string Head, double LabelX, double LabelY, string Anchor);

/// <summary>The plan's geometry, pure so it can be tested without a browser: grid cells to SVG units, the arrow
/// between two rooms (across their shared wall when they have one, else centre to centre between their edges), and
/// how much text fits in a room. Text is sized by estimate (system fonts differ), so lines are cut with an ellipsis
/// before they could spill into the next room.</summary>
public static class PlanGeometry
{
    public const double CellSize = 40;
    public const double Margin = 8;
    public const double Padding = 6;
    public const double LineHeight = 15;
    public const double CharWidth = 6.8;

    /// <summary>How far an arrow crossing a shared wall reaches into each room.</summary>
    public const double Reach = 18;

    /// <summary>How far from the end of a shared wall its arrow crosses (twice this for a horizontal wall).</summary>
    public const double WallInset = 14;

    /// <summary>How much larger than its user units the plan is shown (still no wider than the page).</summary>
    public const double DisplayScale = 1.4;

    private const double HeadLength = 9;
    private const double HeadHalfWidth = 5;

    public static PlanRect Rect(RoomLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new(Margin + layout.X * CellSize, Margin + layout.Y * CellSize, layout.Width * CellSize, layout.Height * CellSize);
    }

    /// <summary>The drawing's size for rooms laid out up to <paramref name="right"/> and <paramref name="bottom"/> cells.</summary>
    public static (double Width, double Height) Canvas(int right, int bottom) => (2 * Margin + right * CellSize, 2 * Margin + bottom * CellSize);

    public static int LinesThatFit(PlanRect room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return Math.Max(1, (int)Math.Floor((room.Height - 2 * Padding) / LineHeight));
    }

    public static int CharsThatFit(PlanRect room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return Math.Max(2, (int)Math.Floor((room.Width - 2 * Padding) / CharWidth));
    }

    /// <summary>The text cut to <paramref name="chars"/> characters, the last an ellipsis; floorplan.js cuts the same way.</summary>
    public static string Fit(string text, int chars)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= chars ? text : string.Concat(text.AsSpan(0, chars - 1), "…");
    }

    public static PlanArrow Arrow(PlanRect from, PlanRect to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var top = Math.Max(from.Y, to.Y);
        var bottom = Math.Min(from.Bottom, to.Bottom);
        var left = Math.Max(from.X, to.X);
        var right = Math.Min(from.Right, to.Right);
        if (bottom > top && (Near(from.Right, to.X) || Near(to.Right, from.X)))
        {
            // Side by side: a short horizontal arrow through the shared wall, labelled above it. Low on the wall, because a
            // room's text is written from its top-left corner down and the bottom is where a room has room to spare.
            var wall = Near(from.Right, to.X) ? from.Right : from.X;
            var direction = Near(from.Right, to.X) ? 1 : -1;
            var reach = Math.Min(Reach, Math.Min(from.Width, to.Width) / 2);
            var y = Math.Max((top + bottom) / 2, bottom - WallInset);
            return Build(wall - direction * reach, y, wall + direction * reach, y, wall, y - 8, "middle");
        }
        if (right > left && (Near(from.Bottom, to.Y) || Near(to.Bottom, from.Y)))
        {
            // One above the other: a short vertical arrow through the shared wall, labelled to its left. Right on the
            // wall, away from the left-aligned text of both rooms.
            var wall = Near(from.Bottom, to.Y) ? from.Bottom : from.Y;
            var direction = Near(from.Bottom, to.Y) ? 1 : -1;
            var reach = Math.Min(Reach, Math.Min(from.Height, to.Height) / 2);
            var x = Math.Max((left + right) / 2, right - 2 * WallInset);
            return Build(x, wall - direction * reach, x, wall + direction * reach, x - 6, wall + 4, "end");
        }
        var (x1, y1) = Edge(from, to.CentreX, to.CentreY);
        var (x2, y2) = Edge(to, from.CentreX, from.CentreY);
        return Build(x1, y1, x2, y2, (x1 + x2) / 2, (y1 + y2) / 2 - 6, "middle");
    }

    /// <summary>Where the line from the rectangle's centre towards (x, y) leaves the rectangle.</summary>
    private static (double X, double Y) Edge(PlanRect rect, double x, double y)
    {
        var dx = x - rect.CentreX;
        var dy = y - rect.CentreY;
        if (Math.Abs(dx) < 1e-9 && Math.Abs(dy) < 1e-9)
        {
            return (rect.CentreX, rect.CentreY);
        }
        var t = Math.Min(Math.Abs(dx) < 1e-9 ? double.MaxValue : rect.Width / 2 / Math.Abs(dx),
            Math.Abs(dy) < 1e-9 ? double.MaxValue : rect.Height / 2 / Math.Abs(dy));
        return (rect.CentreX + dx * Math.Min(t, 1), rect.CentreY + dy * Math.Min(t, 1));
    }

    private static PlanArrow Build(double x1, double y1, double x2, double y2, double labelX, double labelY, string anchor)
    {
        var length = Math.Sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1));
        var (ux, uy) = length < 1e-9 ? (1d, 0d) : ((x2 - x1) / length, (y2 - y1) / length);
        var baseX = x2 - ux * HeadLength;
        var baseY = y2 - uy * HeadLength;
        var head = string.Join(' ', new[] { (x2, y2), (baseX - uy * HeadHalfWidth, baseY + ux * HeadHalfWidth), (baseX + uy * HeadHalfWidth, baseY - ux * HeadHalfWidth) }
            .Select(p => $"{N(p.Item1)},{N(p.Item2)}"));
        // The shaft stops where the head begins, so its square end does not poke through the tip.
        return new PlanArrow(Round(x1), Round(y1), Round(baseX), Round(baseY), head, Round(labelX), Round(labelY), anchor);
    }

    /// <summary>A coordinate as SVG wants it: invariant culture, at most one decimal.</summary>
    public static string N(double value) => Round(value).ToString("0.#", CultureInfo.InvariantCulture);

    private static bool Near(double a, double b) => Math.Abs(a - b) < 0.01;

    private static double Round(double value) => Math.Round(value, 1);
}
