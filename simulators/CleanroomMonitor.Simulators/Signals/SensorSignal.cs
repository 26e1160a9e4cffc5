using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Simulators.Signals;

/// <summary>Plausible values for one sensor over time: Poisson particle counts whose mean depends on the grade,
/// differential pressure with noise, room climate with slow drift, and steady equipment. Deterministic for a seed.</summary>
internal sealed class SensorSignal(Sensor sensor, int seed)
{
    // Counters sample at 28.3 L/min (1 ft³/min), the Annex 1 9.17 minimum for grade A continuous monitoring.
    private const double FlowLitresPerMinute = 28.3;

    private readonly Random _random = new(seed);
    private readonly double _phase = seed % 1000 / 1000.0 * 2 * Math.PI;
    private long _sequence;

    public Sensor Sensor => sensor;

    public SimulatedSample Next(DateTimeOffset at)
    {
        var values = new Dictionary<Parameter, double>();
        var counts = new Dictionary<Parameter, long>();
        double? volume = null;
        var hours = at.ToUnixTimeMilliseconds() / 3_600_000.0;
        foreach (var parameter in sensor.Parameters)
        {
            switch (parameter)
            {
                case Parameter.ParticlesHalfMicron or Parameter.ParticlesFiveMicron:
                    volume = Math.Round(FlowLitresPerMinute * sensor.Interval.TotalMinutes, 3);
                    var perCubicMetre = TypicalPerCubicMetre(sensor.Grade, parameter);
                    counts[parameter] = Poisson(perCubicMetre * volume.Value / 1000.0);
                    break;
                case Parameter.DifferentialPressure:
                    values[parameter] = Math.Round(15 + Gaussian(0.6), 2);
                    break;
                case Parameter.AbsolutePressure:
                    values[parameter] = Math.Round(101_325 + 200 * Math.Sin(hours / 6 + _phase) + Gaussian(2), 1);
                    break;
                case Parameter.Temperature:
                    values[parameter] = Math.Round(sensor.Equipment switch
                    {
                        Equipment.Incubator => 37.0 + Gaussian(0.05),
                        Equipment.Freezer => -80.0 + 1.5 * Math.Sin(hours * 3 + _phase) + Gaussian(0.2),
                        Equipment.Fridge => 5.0 + Math.Sin(hours * 4 + _phase) + Gaussian(0.1),
                        Equipment.Ln2Storage => -185 + Gaussian(0.5),
                        _ => 20.5 + 0.6 * Math.Sin(hours * 2 * Math.PI / 0.5 + _phase) + Gaussian(0.05),   // HVAC cycling every 30 min
                    }, 2);
                    break;
                case Parameter.RelativeHumidity:
                    values[parameter] = Math.Round(45 + 4 * Math.Sin(hours / 3 + _phase) + Gaussian(0.3), 1);
                    break;
                case Parameter.Co2:
                    values[parameter] = Math.Round(5.0 + Gaussian(0.03), 2);
                    break;
                case Parameter.O2:
                    values[parameter] = Math.Round(sensor.Equipment == Equipment.Incubator ? 5.0 + Gaussian(0.05) : 20.9 + Gaussian(0.05), 2);
                    break;
            }
        }
        // Cumulative channels: every ≥5.0 µm particle is also a ≥0.5 µm particle.
        if (counts.TryGetValue(Parameter.ParticlesFiveMicron, out var large) && counts.TryGetValue(Parameter.ParticlesHalfMicron, out var small))
        {
            counts[Parameter.ParticlesHalfMicron] = small + large;
        }
        return new SimulatedSample(sensor, at, ++_sequence, values, counts, volume);
    }

    /// <summary>Typical at-rest air, well inside the Annex 1 limits of the grade (a few percent of the ≥0.5 µm limit).</summary>
    private static double TypicalPerCubicMetre(Grade? grade, Parameter parameter) => (grade, parameter) switch
    {
        (Grade.A, Parameter.ParticlesHalfMicron) => 60,
        (Grade.A, _) => 0.3,
        (Grade.B, Parameter.ParticlesHalfMicron) => 300,
        (Grade.B, _) => 4,
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
