using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.AlertLevels;

/// <summary>Rounding a proposed level to what the interface shows, and keeping it inside the action band.</summary>
public static class AlertRounding
{
    /// <summary>The display resolution: whole particles per m³, one decimal for everything else (as the live board and the
    /// limit texts write values).</summary>
    public static double Resolution(Parameter parameter) => parameter.Info().IsParticleCount ? 1 : 0.1;

    /// <summary>Rounded outward: a high level up, a low level down, so rounding never makes the level tighter than the data says.</summary>
    public static double Outward(BreachSide side, double value, double resolution)
    {
        // Rounded to 9 places first so 24.9 stored as 24.900000000000002 stays 24.9.
        var steps = Math.Round(value / resolution, 9);
        return Tidy((side == BreachSide.High ? Math.Ceiling(steps) : Math.Floor(steps)) * resolution);
    }

    /// <summary>The level kept strictly inside the action band (a limit is breached by a value equal to it, so an alert level
    /// equal to the action limit would never fire alone): beyond it, the action limit's inner neighbour at the display
    /// resolution, with the reason.</summary>
    public static (double Value, string? Note) InsideAction(Parameter parameter, BreachSide side, double value, Band action)
    {
        var resolution = Resolution(parameter);
        var unit = parameter.Info().Unit;
        if (side == BreachSide.High && action.High is { } high && value >= high)
        {
            var inner = Tidy((Math.Ceiling(Math.Round(high / resolution, 9)) - 1) * resolution);
            return (inner, $"The percentile rounds to {Text(value)} {unit}, at or above the action limit {Text(high)} {unit}; proposed {Text(inner)} {unit}, the action limit's inner neighbour.");
        }
        if (side == BreachSide.Low && action.Low is { } low && value <= low)
        {
            var inner = Tidy((Math.Floor(Math.Round(low / resolution, 9)) + 1) * resolution);
            return (inner, $"The percentile rounds to {Text(value)} {unit}, at or below the action limit {Text(low)} {unit}; proposed {Text(inner)} {unit}, the action limit's inner neighbour.");
        }
        return (value, null);
    }

    private static double Tidy(double value) => Math.Round(value, 6);

    private static string Text(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
