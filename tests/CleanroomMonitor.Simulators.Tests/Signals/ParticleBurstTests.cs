using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Simulators.Signals;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Simulators.Tests.Signals;

public sealed class ParticleBurstTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly FacilityDefinition Oq = FacilityReader.Load(Path.Combine(RepositoryPaths.Root, "deploy", "config", "facility.oq.json"));

    private static SensorSignal Counter(int seed = 3) => new(Oq.Sensors.First(s => s.Id.Value == "crb-pc-cv"), seed);

    [Fact]
    public void Next_CountsPattern_RepeatsExactCountsPerSampleThenNatural()
    {
        var signal = Counter();
        signal.Add(new ParticleBurst(T0, T0, Parameter.ParticlesFiveMicron, 0, null) { Samples = 7, Pattern = [2, 0, 1] });

        var counts = Enumerable.Range(0, 7).Select(i => signal.Next(T0.AddMinutes(i)).Counts[Parameter.ParticlesFiveMicron]).ToList();

        Assert.Equal([2L, 0, 1, 2, 0, 1, 2], counts);
    }

    [Fact]
    public void Next_CountsPattern_HalfMicronChannelStaysCumulative()
    {
        var signal = Counter();
        signal.Add(new ParticleBurst(T0, T0, Parameter.ParticlesFiveMicron, 0, null) { Samples = 50, Pattern = [2, 0] });

        var samples = Enumerable.Range(0, 50).Select(i => signal.Next(T0.AddMinutes(i))).ToList();

        Assert.All(samples, s => Assert.True(s.Counts[Parameter.ParticlesHalfMicron] >= s.Counts[Parameter.ParticlesFiveMicron]));
    }

    [Fact]
    public void Next_CountsPatternBeforeItsStart_NaturalCounts()
    {
        var signal = Counter();
        signal.Add(new ParticleBurst(T0.AddMinutes(10), T0.AddMinutes(10), Parameter.ParticlesFiveMicron, 0, null) { Samples = 1, Pattern = [40] });

        var before = Enumerable.Range(0, 10).Select(i => signal.Next(T0.AddMinutes(i)).Counts[Parameter.ParticlesFiveMicron]).ToList();
        var at = signal.Next(T0.AddMinutes(10)).Counts[Parameter.ParticlesFiveMicron];

        Assert.All(before, c => Assert.True(c < 40));
        Assert.Equal(40, at);
    }
}
