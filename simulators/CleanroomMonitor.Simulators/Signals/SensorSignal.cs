using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Simulators.Signals;

/// <summary>Plausible values for one sensor over time, deterministic for a seed and the sample times asked for:
/// Poisson particle counts whose mean depends on grade and activity (quiet at rest, higher in operation, bursts when
/// people move), cumulative channels consistent (≥0.5 µm ≥ ≥5.0 µm); differential pressure with noise and short dips when
/// a door opens; room temperature and RH with slow drift and HVAC cycling; incubator CO2 and temperature with door
/// openings; freezer temperature with defrost cycles. Scripted <see cref="SignalEffect"/>s are laid on top.</summary>
/// <remarks>The natural disturbances stay inside the demo facility's alert levels: only scripted effects make excursions.</remarks>
internal sealed class SensorSignal(Sensor sensor, int seed)
{
    // Counters sample at 28.3 L/min (1 ft³/min), the Annex 1 9.17 minimum for grade A continuous monitoring.
    private const double FlowLitresPerMinute = 28.3;
    private static readonly TimeSpan HvacPeriod = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan DefrostEvery = TimeSpan.FromHours(8);
    private static readonly TimeSpan DefrostLength = TimeSpan.FromMinutes(40);

    private readonly Random _random = new(seed);
    private readonly double _phase = seed % 1000 / 1000.0 * 2 * Math.PI;
    private readonly List<SignalEffect> _effects = [];
    private DateTimeOffset _movementUntil;
    private DateTimeOffset _doorUntil;
    private double _doorDip;
    private DateTimeOffset? _incubatorDoorAt;
    private long _sequence;

    public Sensor Sensor => sensor;

    /// <summary>The litres a simulated counter samples per interval (28.3 L/min × interval), as its payload states them: a
    /// count's concentration is count × 1000 / these litres.</summary>
    public static double SampleLitres(TimeSpan interval) => Math.Round(FlowLitresPerMinute * interval.TotalMinutes, 3);

    /// <summary>The room is in operation (a batch runs): more particles, people moving, doors used more often.</summary>
    public bool InOperation { get; set; }

    /// <summary>The scripted effects in force or to come.</summary>
    public IReadOnlyList<SignalEffect> Effects => _effects;

    public void Add(SignalEffect effect) => _effects.Add(effect);

    /// <summary>Forgets every scripted effect (a scenario played again lays its effects anew).</summary>
    public void ClearEffects() => _effects.Clear();

    public SimulatedSample Next(DateTimeOffset at)
    {
        var values = new Dictionary<Parameter, double>();
        var counts = new Dictionary<Parameter, long>();
        double? volume = null;
        var hours = at.ToUnixTimeMilliseconds() / 3_600_000.0;
        var active = _effects.Where(e => e is not (EquipmentDoor or Defrost) && e.Covers(at)).ToList();
        UpdateNaturalEvents(at);
        foreach (var parameter in sensor.Parameters)
        {
            switch (parameter)
            {
                case Parameter.ParticlesHalfMicron or Parameter.ParticlesFiveMicron:
                    volume = SampleLitres(sensor.Interval);
                    counts[parameter] = ParticleCount(parameter, volume.Value, at, active);
                    break;
                case Parameter.DifferentialPressure:
                    values[parameter] = Math.Round(Pressure(at), 2);
                    break;
                case Parameter.AbsolutePressure:
                    values[parameter] = Math.Round(101_325 + 200 * Math.Sin(hours / 6 + _phase) + Gaussian(2), 1);
                    break;
                case Parameter.Temperature:
                    values[parameter] = Math.Round(Temperature(at, hours), 2);
                    break;
                case Parameter.RelativeHumidity:
                    // Drifts with the weather outside; the HVAC cycle moves it against the temperature.
                    values[parameter] = Math.Round(45 + 4 * Math.Sin(hours / 3 + _phase) - 0.8 * Hvac(at) + Gaussian(0.3), 1);
                    break;
                case Parameter.Co2:
                    values[parameter] = Math.Round(5.0 - IncubatorDrop(at, co2: true) + Gaussian(0.03), 2);
                    break;
                case Parameter.O2:
                    values[parameter] = Math.Round(sensor.Equipment == Equipment.Incubator ? 5.0 + Gaussian(0.05) : 20.9 + Gaussian(0.05), 2);
                    break;
            }
        }
        foreach (var effect in active)
        {
            switch (effect)
            {
                case ValueOverride o when values.ContainsKey(o.Parameter):
                    values[o.Parameter] = o.Value;
                    break;
                case ValueShift s when values.ContainsKey(s.Parameter):
                    values[s.Parameter] = Math.Round(values[s.Parameter] + s.Delta, 2);
                    break;
            }
        }
        // Cumulative channels: every ≥5.0 µm particle is also a ≥0.5 µm particle.
        if (counts.TryGetValue(Parameter.ParticlesFiveMicron, out var large) && counts.TryGetValue(Parameter.ParticlesHalfMicron, out var small))
        {
            counts[Parameter.ParticlesHalfMicron] = small + large;
        }
        var faults = active.OfType<FaultEffect>().Aggregate(SampleFaults.None, (all, f) => all | f.Faults);
        return new SimulatedSample(sensor, at, ++_sequence, values, counts, volume, faults);
    }

    /// <summary>Random events of the room: people moving (in operation) and doors opening, drawn once per sample so the
    /// same seed and sample times give the same events.</summary>
    private void UpdateNaturalEvents(DateTimeOffset at)
    {
        var minutes = sensor.Interval.TotalMinutes;
        // People move about every 4 minutes in operation; each movement stirs the air for 30-90 s.
        if (InOperation && at >= _movementUntil && _random.NextDouble() < minutes / 4)
        {
            _movementUntil = at + TimeSpan.FromSeconds(30 + 60 * _random.NextDouble());
        }
        // Doors open about every 5 minutes in operation and every 15 at rest, for 5-15 s: under any justified delay.
        if (at >= _doorUntil && _random.NextDouble() < minutes / (InOperation ? 5 : 15))
        {
            _doorUntil = at + TimeSpan.FromSeconds(5 + 10 * _random.NextDouble());
            _doorDip = 1 + 1.5 * _random.NextDouble();
        }
        // An incubator is opened about every two hours (media change, inspection).
        if (sensor.Equipment == Equipment.Incubator && _random.NextDouble() < minutes / 120)
        {
            _incubatorDoorAt = at;
        }
    }

    private long ParticleCount(Parameter parameter, double volumeLitres, DateTimeOffset at, List<SignalEffect> active)
    {
        var perCubicMetre = TypicalPerCubicMetre(sensor.Grade, parameter) * ActivityFactor(parameter, at);
        foreach (var burst in active.OfType<ParticleBurst>().Where(b => b.Size is null || b.Size == parameter))
        {
            if (burst.ExactCount is { } exact)
            {
                return exact;
            }
            perCubicMetre += burst.PerCubicMetre;
        }
        return Poisson(perCubicMetre * volumeLitres / 1000.0);
    }

    /// <summary>In operation people shed particles: several times the at-rest level in the room, more while they move.
    /// Grade A zones (cabinets, isolators) are protected by unidirectional airflow, and their ≥5.0 µm channel stays at rest.</summary>
    private double ActivityFactor(Parameter parameter, DateTimeOffset at)
    {
        if (!InOperation)
        {
            return 1;
        }
        var moving = at < _movementUntil;
        if (sensor.Grade == Grade.A)
        {
            return parameter == Parameter.ParticlesFiveMicron ? 1 : moving ? 2 : 1.5;
        }
        return moving ? 8 : 3;
    }

    private double Pressure(DateTimeOffset at)
    {
        var dip = at < _doorUntil ? _doorDip : 0;
        return 15 - dip + Gaussian(0.5);
    }

    private double Temperature(DateTimeOffset at, double hours) => sensor.Equipment switch
    {
        Equipment.Incubator => 37.0 - IncubatorDrop(at, co2: false) + Gaussian(0.05),
        Equipment.Freezer => -80.0 + DefrostRise(at) + Gaussian(0.2),
        Equipment.Fridge => 5.0 + 0.8 * Math.Sin(hours * 4 + _phase) + Gaussian(0.1),
        Equipment.Ln2Storage => -185 + Gaussian(0.5),
        // Room air: HVAC cycling (±0.6 °C every 30 min) on a slow drift over the day.
        _ => 20.5 + 0.6 * Hvac(at) + 0.3 * Math.Sin(hours / 5 + _phase) + Gaussian(0.05),
    };

    private double Hvac(DateTimeOffset at) =>
        Math.Sin(2 * Math.PI * (at.ToUnixTimeMilliseconds() % (long)HvacPeriod.TotalMilliseconds) / HvacPeriod.TotalMilliseconds + _phase);

    /// <summary>How far CO2 (%) or temperature (°C) is below set point because the door is or was open: it falls while
    /// open (towards a floor) and recovers with a time constant of minutes once closed.</summary>
    private double IncubatorDrop(DateTimeOffset at, bool co2)
    {
        double drop = 0;
        if (_incubatorDoorAt is { } natural)
        {
            // A routine opening: 20 s, a small dip inside the alert band.
            drop = Math.Max(drop, DoorDrop(at, natural, natural.AddSeconds(20), co2 ? 0.3 : 0.15, co2));
        }
        foreach (var door in _effects.OfType<EquipmentDoor>())
        {
            drop = Math.Max(drop, DoorDrop(at, door.From, door.Until, co2 ? door.Co2Drop : door.TemperatureDrop, co2));
        }
        return drop;
    }

    private static double DoorDrop(DateTimeOffset at, DateTimeOffset opened, DateTimeOffset closed, double full, bool co2)
    {
        if (at < opened)
        {
            return 0;
        }
        // CO2 escapes in about a minute; the chamber walls hold the temperature longer.
        var fall = co2 ? 60.0 : 180.0;
        var recover = co2 ? 240.0 : 360.0;
        var openSeconds = ((at < closed ? at : closed) - opened).TotalSeconds;
        var reached = full * (1 - Math.Exp(-openSeconds / fall));
        return at < closed ? reached : reached * Math.Exp(-(at - closed).TotalSeconds / recover);
    }

    /// <summary>Defrost: every 8 hours (phase by seed) the freezer warms by up to 7 °C over 10 minutes, then pulls back down.</summary>
    private double DefrostRise(DateTimeOffset at)
    {
        var rise = 0.0;
        var offset = TimeSpan.FromMilliseconds(_phase / (2 * Math.PI) * DefrostEvery.TotalMilliseconds);
        var sinceCycle = TimeSpan.FromMilliseconds((at - offset).ToUnixTimeMilliseconds() % (long)DefrostEvery.TotalMilliseconds);
        if (sinceCycle < DefrostLength)
        {
            rise = DefrostProfile(sinceCycle, 7);
        }
        foreach (var defrost in _effects.OfType<Defrost>().Where(d => at >= d.From && at - d.From < DefrostLength))
        {
            rise = Math.Max(rise, DefrostProfile(at - defrost.From, defrost.RisePeak));
        }
        return rise;
    }

    private static double DefrostProfile(TimeSpan since, double peak) =>
        since.TotalMinutes < 10 ? peak * since.TotalMinutes / 10 : peak * Math.Exp(-(since.TotalMinutes - 10) / 8);

    /// <summary>Typical at-rest air, well inside the Annex 1 limits of the grade (a few percent of the ≥0.5 µm limit). In
    /// grades A and B one ≥5.0 µm particle in a 28.3 L sample is already 35/m³, above the 29/m³ limit (grade B at rest), so
    /// their background has none: a simulated room breaches only when a scenario makes it, and an OQ run has no alarm
    /// nobody planned (issue 24: a background of 1/m³ raised five unclaimed action excursions in one run).</summary>
    private static double TypicalPerCubicMetre(Grade? grade, Parameter parameter) => (grade, parameter) switch
    {
        (Grade.A, Parameter.ParticlesHalfMicron) => 60,
        (Grade.B, Parameter.ParticlesHalfMicron) => 300,
        (Grade.A or Grade.B, _) => 0,
        (Grade.C, Parameter.ParticlesHalfMicron) => 20_000,
        (Grade.C, _) => 150,
        (_, Parameter.ParticlesHalfMicron) => 200_000,
        _ => 1_500,
    };

    private long Poisson(double mean)
    {
        if (mean > 50)
        {
            return Math.Max(0, (long)Math.Round(mean + Gaussian(Math.Sqrt(mean))));
        }
        // Knuth's method is exact and cheap for the small means of clean air.
        var limit = Math.Exp(-mean);
        long k = 0;
        var p = _random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= _random.NextDouble();
        }
        return k;
    }

    private double Gaussian(double sigma)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
