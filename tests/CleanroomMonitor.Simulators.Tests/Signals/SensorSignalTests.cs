using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Simulators.Signals;

namespace CleanroomMonitor.Simulators.Tests.Signals;

/// <summary>Statistics of the signal models over many samples with a fixed seed: means where they should be, natural
/// disturbances inside the demo's alert levels, scripted effects where asked.</summary>
public sealed class SensorSignalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static Sensor Sensor(string id, Grade grade, TimeSpan interval, Equipment? equipment = null, params Parameter[] parameters) =>
        new(new SensorId(id), new RoomId("cr1"), null, "test", grade, parameters, interval, parameters.Contains(Parameter.DifferentialPressure) ? new RoomId("al1") : null,
            SensorSource.Mqtt, $"cleanroom/t/cr1/{id}", equipment);

    private static List<SimulatedSample> Samples(SensorSignal signal, int count) =>
        [.. Enumerable.Range(0, count).Select(i => signal.Next(T0 + signal.Sensor.Interval * i))];

    [Fact]
    public void Next_ParticlesAtRest_MeanMatchesGradeAndChannelsCumulative()
    {
        var signal = new SensorSignal(Sensor("pc", Grade.C, TimeSpan.FromMinutes(1), null, Parameter.ParticlesHalfMicron, Parameter.ParticlesFiveMicron), 42);

        var samples = Samples(signal, 5_000);

        var perCubicMetre = samples.Average(s => s.Counts[Parameter.ParticlesHalfMicron] * 1000 / s.VolumeLitres!.Value);
        Assert.InRange(perCubicMetre, 20_000 * 0.97, 20_150 * 1.03);   // ≥0.5 µm mean + the ≥5.0 µm particles it includes
        Assert.All(samples, s => Assert.True(s.Counts[Parameter.ParticlesHalfMicron] >= s.Counts[Parameter.ParticlesFiveMicron]));
        Assert.Equal(28.3, samples[0].VolumeLitres);
    }

    [Fact]
    public void Next_InOperation_MoreParticlesThanAtRestButUnderInOperationAlert()
    {
        var sensor = Sensor("pc", Grade.B, TimeSpan.FromMinutes(1), null, Parameter.ParticlesHalfMicron, Parameter.ParticlesFiveMicron);
        var atRest = Samples(new SensorSignal(sensor, 7), 3_000);
        var busy = new SensorSignal(sensor, 7) { InOperation = true };
        var inOperation = Samples(busy, 3_000);

        static double Mean(List<SimulatedSample> s) => s.Average(x => x.Counts[Parameter.ParticlesHalfMicron] * 1000 / x.VolumeLitres!.Value);
        Assert.InRange(Mean(atRest), 270, 330);
        Assert.InRange(Mean(inOperation), 3 * 300, 8 * 300);   // people working, with movement bursts
        Assert.True(inOperation.Max(x => x.Counts[Parameter.ParticlesHalfMicron] * 1000 / x.VolumeLitres!.Value) < 200_000);
    }

    [Fact]
    public void Next_DifferentialPressure_MeanNearSetPointDoorDipsShortAndAboveActionLimit()
    {
        var signal = new SensorSignal(Sensor("dp", Grade.B, TimeSpan.FromSeconds(5), null, Parameter.DifferentialPressure), 3) { InOperation = true };

        var values = Samples(signal, 20_000).Select(s => s.Values[Parameter.DifferentialPressure]).ToList();

        Assert.InRange(values.Average(), 14.5, 15.1);
        Assert.True(values.Min() > 10, $"min {values.Min()}");
        Assert.Contains(values, v => v < 13);   // doors do open
        var longestDip = values.Aggregate((Run: 0, Max: 0), (a, v) => v < 13.5 ? (a.Run + 1, Math.Max(a.Max, a.Run + 1)) : (0, a.Max)).Max;
        Assert.True(longestDip * 5 < 30, $"a dip lasted {longestDip} samples");   // under the airlock's 30 s delay
    }

    [Fact]
    public void Next_RoomClimate_HvacCyclingInsideSiteBands()
    {
        var signal = new SensorSignal(Sensor("th", Grade.B, TimeSpan.FromSeconds(30), null, Parameter.Temperature, Parameter.RelativeHumidity), 5);

        var samples = Samples(signal, 10_000);

        var temperatures = samples.Select(s => s.Values[Parameter.Temperature]).ToList();
        var humidity = samples.Select(s => s.Values[Parameter.RelativeHumidity]).ToList();
        Assert.InRange(temperatures.Average(), 20.3, 20.7);
        Assert.InRange(temperatures.Min(), 19, 20);
        Assert.InRange(temperatures.Max(), 21, 23);
        Assert.InRange(humidity.Average(), 43, 47);
        Assert.True(humidity.Min() > 35 && humidity.Max() < 60);
    }

    [Fact]
    public void Next_Freezer_DefrostCyclesWarmItInsideItsBand()
    {
        var signal = new SensorSignal(Sensor("frz", Grade.D, TimeSpan.FromSeconds(30), Equipment.Freezer, Parameter.Temperature), 9);

        var values = Samples(signal, 3 * 24 * 120).Select(s => s.Values[Parameter.Temperature]).ToList();   // three days

        Assert.InRange(values.Average(), -80, -78.5);
        Assert.True(values.Max() > -75, "a defrost warms it");
        Assert.True(values.Max() < -70 && values.Min() > -90, $"{values.Min()}..{values.Max()}");
    }

    [Fact]
    public void Next_IncubatorDoorLeftOpen_Co2FallsBelowAlertThenRecovers()
    {
        var sensor = Sensor("inc", Grade.D, TimeSpan.FromSeconds(30), Equipment.Incubator, Parameter.Co2, Parameter.Temperature);
        var signal = new SensorSignal(sensor, 2);
        signal.Add(new EquipmentDoor(T0.AddMinutes(10), T0.AddMinutes(12), 1.5, 0.8));

        var samples = Samples(signal, 120);

        var before = samples.Where(s => s.Timestamp < T0.AddMinutes(10)).Select(s => s.Values[Parameter.Co2]).ToList();
        Assert.InRange(before.Average(), 4.9, 5.1);
        Assert.True(samples.First(s => s.Timestamp == T0.AddMinutes(12)).Values[Parameter.Co2] < 4.5);
        Assert.True(samples[^1].Values[Parameter.Co2] > 4.8, "recovered 48 minutes after closing");
        Assert.True(samples.All(s => s.Values[Parameter.Co2] > 3 && s.Values[Parameter.Temperature] > 35.5));
    }

    [Fact]
    public void Next_ExactCountForSamples_AppliesToThatManySamplesOnly()
    {
        var signal = new SensorSignal(Sensor("pc", Grade.A, TimeSpan.FromMinutes(2), null, Parameter.ParticlesHalfMicron, Parameter.ParticlesFiveMicron), 4);
        signal.Add(new ParticleBurst(T0.AddMinutes(3), DateTimeOffset.MaxValue, Parameter.ParticlesFiveMicron, 0, 1) { Samples = 3 });

        var counts = Samples(signal, 10).Select(s => s.Counts[Parameter.ParticlesFiveMicron]).ToList();

        Assert.Equal([1, 1, 1], counts.Skip(2).Take(3));
        Assert.True(counts.Skip(5).Sum() < 3, "after its 3 samples the counter is back to its natural, nearly empty air");
    }

    [Fact]
    public void Next_SameSeed_SameSignal()
    {
        var sensor = Sensor("pc", Grade.B, TimeSpan.FromSeconds(10), null, Parameter.ParticlesHalfMicron, Parameter.ParticlesFiveMicron);

        var a = Samples(new SensorSignal(sensor, 99) { InOperation = true }, 500).Select(s => s.Counts[Parameter.ParticlesHalfMicron]);
        var b = Samples(new SensorSignal(sensor, 99) { InOperation = true }, 500).Select(s => s.Counts[Parameter.ParticlesHalfMicron]);

        Assert.Equal(a, b);
    }
}
