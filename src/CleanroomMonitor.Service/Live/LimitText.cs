using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Live;

/// <summary>The limits in force as words, the same on the live board and the room page. Limits describe the allowed
/// range, so the text names the limit ("Alert limit 2 000 /m³", "Minimum 12.5 Pa (alert)", "Alert range 18.0–23.0 °C"):
/// "alert &lt; 2 000" was read as the condition that raises an alert, the opposite of what it meant (GMP issue
/// "limits read backwards").</summary>
public static class LimitText
{
    /// <returns>"Alert limit 2 000 /m³ · Action limit 3 520 /m³" (upper limits), "Minimum 12.5 Pa (alert) · 10.0 Pa (action)"
    /// (lower limits), "Alert range 18.0–23.0 °C · Action range 16.0–25.0 °C" (two-sided or mixed); "not judged" without
    /// limits, "rules only" when only particle rules (runs of counts) apply.</returns>
    public static string Describe(LimitSet? limits)
    {
        if (limits is null)
        {
            return "not judged";
        }
        return !limits.Alert.IsSet && !limits.Action.IsSet ? "rules only" : Describe(limits.Parameter, limits.Alert, limits.Action);
    }

    /// <summary>The alert and action bands of <paramref name="parameter"/> in the same words (the batch report's limits,
    /// read back from their recorded bounds); "none" when neither is set.</summary>
    public static string Describe(Parameter parameter, Band alert, Band action)
    {
        var unit = LiveBoard.Unit(parameter);
        if (!alert.IsSet && !action.IsSet)
        {
            return "none";
        }
        if (IsUpperOnly(alert) && IsUpperOnly(action))
        {
            return Join(alert.IsSet ? $"Alert limit {Number(parameter, alert.High!.Value)} {unit}" : null,
                action.IsSet ? $"Action limit {Number(parameter, action.High!.Value)} {unit}" : null);
        }
        if (IsLowerOnly(alert) && IsLowerOnly(action))
        {
            return "Minimum " + Join(alert.IsSet ? $"{Number(parameter, alert.Low!.Value)} {unit} (alert)" : null,
                action.IsSet ? $"{Number(parameter, action.Low!.Value)} {unit} (action)" : null);
        }
        return Join(alert.IsSet ? "Alert " + Band(parameter, alert, unit) : null, action.IsSet ? "Action " + Band(parameter, action, unit) : null);
    }

    /// <summary>A value as the limit texts write it: as the board writes the reading beside it (<see cref="LiveBoard.Format"/>:
    /// particle counts whole with a narrow no-break space between thousands, "3 520", which no locale reads as a decimal
    /// mark; everything else to one decimal).</summary>
    public static string Number(Parameter parameter, double value) => LiveBoard.Format(parameter, value);

    private static bool IsUpperOnly(Band band) => band.Low is null;

    private static bool IsLowerOnly(Band band) => band.High is null;

    private static string Band(Parameter parameter, Band band, string unit) => band switch
    {
        { Low: { } low, High: { } high } => $"range {Number(parameter, low)}–{Number(parameter, high)} {unit}",
        { High: { } high } => $"limit {Number(parameter, high)} {unit}",
        { Low: { } low } => $"minimum {Number(parameter, low)} {unit}",
        _ => "",
    };

    private static string Join(string? first, string? second) => string.Join(" · ", new[] { first, second }.Where(s => s is not null));
}
