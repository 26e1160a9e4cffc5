using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>Checks the values an excursion record states against the readings the service stored for its sensor
/// parameter (issue 24: a record said "peak 5.04" where the stored CO2 fell to 3.74, and the OQ passed). The side it
/// breached comes from the facility's limits, not from the record: the recorded limit is a minimum or a maximum of the
/// sensor's bands (particle rules and a cascade reversal have their own side). Then the trigger must be a stored value of
/// the excursion's time, the peak the worst stored value on that side and its time that reading's, the end a stored
/// reading's time, and the limits version stated.</summary>
internal static class RecordedValues
{
    private const double Tolerance = 1e-9;

    /// <summary>Excursion kinds judged from a sensor parameter's values, whose record states trigger, peak and limit.</summary>
    public static bool AppliesTo(JsonElement excursion) =>
        Enum.TryParse<ExcursionKind>(excursion.GetProperty("kind").GetString(), out var kind)
        && kind is ExcursionKind.Particles or ExcursionKind.DifferentialPressure or ExcursionKind.Temperature or ExcursionKind.Humidity
            or ExcursionKind.Equipment or ExcursionKind.PressureReversal
        && excursion.TryGetProperty("parameter", out var parameter) && parameter.ValueKind == JsonValueKind.String
        && !(excursion.TryGetProperty("fromHistoricalData", out var historical) && historical.ValueKind == JsonValueKind.True);

    /// <summary>The parameter's wire name, for GET /api/readings.</summary>
    public static string WireParameter(JsonElement excursion) =>
        Enum.Parse<Parameter>(excursion.GetProperty("parameter").GetString()!, ignoreCase: true).WireName();

    /// <param name="stored">The valid live readings of the sensor parameter from the excursion's start to its end (or now).</param>
    public static (bool Passed, string Observed) Check(JsonElement excursion, FacilityDefinition facility, IReadOnlyList<(DateTimeOffset At, double Value)> stored)
    {
        var started = excursion.GetProperty("startedAt").GetDateTimeOffset();
        var ended = Time(excursion, "endedAt");
        var during = stored.Where(r => r.At >= started && (ended is not { } end || r.At <= end)).ToList();
        var trigger = Number(excursion, "triggerValue");
        var peak = Number(excursion, "peakValue");
        var peakAt = Time(excursion, "peakAt");
        var limit = Number(excursion, "limit");
        var version = excursion.TryGetProperty("limitsVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var problems = new List<string>();
        if (string.IsNullOrEmpty(version))
        {
            problems.Add("no limits version");
        }
        if (during.Count == 0)
        {
            problems.Add("no stored reading between its start and end");
            return Result(problems, "", during.Count);
        }
        if (trigger is not { } t || !during.Any(r => Same(r.Value, t)))
        {
            problems.Add($"trigger {Fmt(trigger)} is not a value stored between its start and end");
        }
        var side = SideOf(excursion, facility, limit);
        var worst = side == BreachSide.Low ? during.MinBy(r => r.Value) : during.MaxBy(r => r.Value);
        if (ended is not null)
        {
            if (peak is not { } p || !Same(p, worst.Value))
            {
                problems.Add($"peak {Fmt(peak)} recorded, but the stored readings went {(side == BreachSide.Low ? "down" : "up")} to {Fmt(worst.Value)} at {worst.At:O}");
            }
            else if (peakAt is not { } at || !during.Any(r => r.At == at && Same(r.Value, p)))
            {
                problems.Add($"peak time {peakAt:O} is not the time of a stored reading of {Fmt(p)}");
            }
            if (!stored.Any(r => r.At == ended))
            {
                problems.Add($"end {ended:O} is not the time of a stored reading");
            }
        }
        var what = string.Create(CultureInfo.InvariantCulture,
            $"recorded trigger {Fmt(trigger)}, {side.ToString().ToLowerInvariant()}-side limit {Fmt(limit)} (limits {version ?? "—"}), ")
            + (ended is null ? "still open (peak and end not checked)" : string.Create(CultureInfo.InvariantCulture, $"peak {Fmt(peak)} at {peakAt:HH:mm:ss.fff}Z, ended {ended:HH:mm:ss.fff}Z"));
        return Result(problems, what, during.Count);
    }

    /// <summary>Which bound was breached, from the facility's limits: the recorded limit is one of the sensor's minima or
    /// maxima in the excursion's room state. Particle counts breach upwards; a reversal breaches against the expected sign.</summary>
    private static BreachSide SideOf(JsonElement excursion, FacilityDefinition facility, double? limit)
    {
        var sensorId = new SensorId(excursion.GetProperty("sensor").GetString()!);
        if (!facility.TryGetSensor(sensorId, out var sensor))
        {
            return BreachSide.High;
        }
        if (excursion.GetProperty("kind").GetString() == nameof(ExcursionKind.PressureReversal))
        {
            return new LimitBook(facility).ExpectedSign(sensor) > 0 ? BreachSide.Low : BreachSide.High;
        }
        var parameter = Enum.Parse<Parameter>(excursion.GetProperty("parameter").GetString()!, ignoreCase: true);
        var state = Enum.Parse<RoomState>(excursion.GetProperty("state").GetString()!);
        if (limit is not { } l || new LimitBook(facility).Resolve(sensor, parameter, state) is not { } limits)
        {
            return BreachSide.High;
        }
        return Same(limits.Alert.Low, l) || Same(limits.Action.Low, l) ? BreachSide.Low : BreachSide.High;
    }

    private static (bool, string) Result(List<string> problems, string what, int readings) => problems.Count == 0
        ? (true, $"{what}: consistent with the {readings} stored reading(s) of its time")
        : (false, $"record disagrees with the {readings} stored reading(s) of its time: {string.Join("; ", problems)}" + (what.Length > 0 ? $" ({what})" : ""));

    private static bool Same(double? a, double b) => a is { } x && Math.Abs(x - b) <= Tolerance * Math.Max(1, Math.Abs(b));

    private static double? Number(JsonElement x, string name) =>
        x.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static DateTimeOffset? Time(JsonElement x, string name) =>
        x.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;

    private static string Fmt(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "none";
}
