using System.Collections.Concurrent;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Limits;

/// <summary>Resolves the limits in force for a sensor parameter in a room state, layer over layer: the built-in
/// defaults (Annex 1 Table 5 particle action limits and ≥5.0 µm rules; 10 Pa between rooms of different grades), then
/// the site's limits for the grade, then the room's, then the sensor's. Temperature, humidity and equipment
/// parameters have no built-in values: GMP texts give none (Annex 1 9.6), so they are judged only where configured.</summary>
public sealed class LimitBook(FacilityDefinition facility)
{
    /// <summary>The limits for <paramref name="sensor"/>'s <paramref name="parameter"/> in <paramref name="state"/>, or
    /// null when nothing is set (not judged) or the room is not monitored.</summary>
    public LimitSet? Resolve(Sensor sensor, Parameter parameter, RoomState state)
    {
        if (state == RoomState.NotMonitored)
        {
            return null;
        }
        if (!facility.TryGetSensor(sensor.Id, out var known) || !ReferenceEquals(known, sensor))
        {
            return Compute(sensor, parameter, state);
        }
        return _resolved.GetOrAdd((sensor.Id, parameter, state), static (key, args) => args.Book.Compute(args.Sensor, key.Parameter, key.State), (Book: this, Sensor: sensor));
    }

    // Resolved once per sensor parameter and state: a book's facility never changes, and the engine resolves for every
    // reading (a replay for millions of them: docs/benchmarks.md). Concurrent, because the book is also read by the pages
    // through the engine's published view.
    private readonly ConcurrentDictionary<(SensorId Sensor, Parameter Parameter, RoomState State), LimitSet?> _resolved = new();

    private LimitSet? Compute(Sensor sensor, Parameter parameter, RoomState state)
    {
        // During clean-up the room is still recovering from operations: in-operation limits apply until it is back.
        var limitState = state == RoomState.CleanUp ? RoomState.InOperation : state;
        var set = Defaults(sensor, parameter, limitState);
        var sources = new List<string>(4) { set.Source };
        foreach (var (layer, spec) in Layers(sensor, parameter))
        {
            if (Apply(set, spec, limitState) is { } applied && applied != set)
            {
                set = applied;
                sources.Add(layer);
            }
        }
        set = set with { State = state, Source = string.Join(" < ", sources) };
        return set.IsSet ? set : null;
    }

    /// <summary>True when a layer says "action": "none" for this state (grade D in operation without a site value).</summary>
    public bool HasExplicitNoActionLimit(Sensor sensor, Parameter parameter, RoomState state) =>
        Layers(sensor, parameter).Any(l => l.Spec.NoActionLimit || (state == RoomState.InOperation ? l.Spec.InOperation : l.Spec.AtRest)?.NoActionLimit == true);

    /// <summary>+1 when the sensor's room must be at higher pressure than its reference room, −1 when lower, 0 when
    /// nothing says (rooms of the same grade, no configured sign).</summary>
    public int ExpectedSign(Sensor sensor)
    {
        // Asked for every differential-pressure reading: kept per sensor of the book's facility, as the limits are.
        return facility.TryGetSensor(sensor.Id, out var known) && ReferenceEquals(known, sensor)
            ? _signs.GetOrAdd(sensor.Id, static (_, args) => args.Book.ComputeSign(args.Sensor), (Book: this, Sensor: sensor))
            : ComputeSign(sensor);
    }

    private readonly ConcurrentDictionary<SensorId, int> _signs = new();

    private int ComputeSign(Sensor sensor)
    {
        if (sensor.ReferenceRoom is not { } reference)
        {
            return 0;
        }
        foreach (var (_, spec) in Layers(sensor, Parameter.DifferentialPressure).Reverse())
        {
            if (spec.Sign is { } sign)
            {
                return sign;
            }
        }
        // Containment suites (negative rooms) must say so with "sign": the default is the usual cascade, cleaner = higher.
        var own = Strictness(facility.Room(sensor.Room).Grade);
        var other = Strictness(facility.TryGetRoom(reference, out var room) ? room.Grade : null);
        return own == other ? 0 : own < other ? 1 : -1;
    }

    private LimitSet Defaults(Sensor sensor, Parameter parameter, RoomState state)
    {
        var set = new LimitSet(sensor.Id, parameter, state, Band.None, Band.None, TimeSpan.Zero, 1, null, 0, ParticleRules.None, "none");
        if (parameter.Info().IsParticleCount && sensor.Grade is { } grade)
        {
            return set with
            {
                Action = new Band(null, Annex1Defaults.ParticleActionLimit(grade, state, parameter)),
                Rules = Annex1Defaults.DefaultRules(grade, state, parameter),
                Source = "Annex 1 Table 5",
            };
        }
        if (parameter == Parameter.DifferentialPressure && ExpectedSign(sensor) is var sign and not 0)
        {
            var minimum = Annex1Defaults.MinimumPressureDifferencePa;
            return set with
            {
                Action = sign > 0 ? new Band(minimum, null) : new Band(null, -minimum),
                Source = "Annex 1 4.14 (10 Pa)",
            };
        }
        return set;
    }

    private IEnumerable<(string Layer, LimitSpec Spec)> Layers(Sensor sensor, Parameter parameter)
    {
        // A room's temperature range is for its air, not for the incubator or freezer standing in it.
        var roomAir = sensor.Equipment is null;
        if (roomAir && sensor.Grade is { } grade && facility.GradeLimits.TryGetValue(grade, out var byGrade) && byGrade.TryGetValue(parameter, out var gradeSpec))
        {
            yield return ($"grade {grade}", gradeSpec);
        }
        if (roomAir && facility.Room(sensor.Room).Limits.TryGetValue(parameter, out var roomSpec))
        {
            yield return ($"room {sensor.Room}", roomSpec);
        }
        // The book's own copy of the sensor: after a limit change the caller may hold the facility file's (docs/gmp.md
        // "Limit changes under change control"), whose sensor-level limits are no longer those in force.
        var limits = facility.TryGetSensor(sensor.Id, out var own) ? own.Limits : sensor.Limits;
        if (limits.TryGetValue(parameter, out var sensorSpec))
        {
            yield return ($"sensor {sensor.Id}", sensorSpec);
        }
    }

    private static LimitSet Apply(LimitSet set, LimitSpec spec, RoomState state)
    {
        set = ApplyOne(set, spec);
        var forState = state == RoomState.InOperation ? spec.InOperation : spec.AtRest;
        return forState is null ? set : ApplyOne(set, forState);
    }

    private static LimitSet ApplyOne(LimitSet set, LimitSpec spec) => set with
    {
        Alert = set.Alert.Override(spec.Alert),
        Action = spec.NoActionLimit ? Band.None : set.Action.Override(spec.Action),
        Delay = spec.Delay ?? set.Delay,
        DelaySamples = spec.DelaySamples ?? set.DelaySamples,
        Justification = spec.Justification ?? set.Justification,
        Deadband = spec.Deadband ?? set.Deadband,
        Rules = new ParticleRules(
            Off(spec.ConsecutiveSamples, set.Rules.ConsecutiveSamples),
            Off(spec.OccurrencesN, set.Rules.OccurrencesN),
            spec.OccurrencesN is 0 ? null : spec.OccurrencesM ?? set.Rules.OccurrencesM,
            spec.CumulativeVolumeLitres is 0 ? null : spec.CumulativeVolumeLitres ?? set.Rules.CumulativeVolumeLitres),
    };

    // 0 in a layer turns a default rule off.
    private static int? Off(int? layer, int? current) => layer is 0 ? null : layer ?? current;

    private static int Strictness(Grade? grade) => grade is { } g ? (int)g : 5;
}
