using System.CommandLine.Parsing;
using System.Globalization;

namespace CleanroomMonitor.Simulators.CommandLine;

/// <summary>The parser of <c>--speed</c>: "60" (or "60x") → 60, "max" → as fast as possible. At parse time, so a bad
/// factor stops the command before it connects to the broker, not after.</summary>
internal static class SpeedFactor
{
    public const string Max = "max";

    public static double Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        if (TryParse(text, out var speed))
        {
            return speed;
        }
        result.AddError($"--speed '{text}': expected a time factor of 1 or more, or {Max}");
        return 0;
    }

    public static bool TryParse(string text, out double speed)
    {
        if (text == Max)
        {
            speed = double.PositiveInfinity;
            return true;
        }
        return double.TryParse(text.TrimEnd('x', '×'), NumberStyles.Float, CultureInfo.InvariantCulture, out speed) && speed >= 1 && double.IsFinite(speed);
    }
}
