using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Simulators.Oq.Protocol;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Simulators.Tests.Oq;

/// <summary>The generator's check of a plan against the service's rule state machine: a plan the rules would judge
/// otherwise is caught before a row expects it.</summary>
public sealed class PlanCheckTests
{
    private static readonly FacilityDefinition Demo = FacilityReader.Load(RepositoryPaths.DemoFacility);
    private static readonly Sensor Counter = Demo.TryGetSensor(new SensorId("cr1-pc-a"), out var sensor) ? sensor : throw new InvalidOperationException();
    private static readonly double Litres = 28.3 * Counter.Interval.TotalMinutes;

    /// <summary>Grade A ≥5.0 µm: 2 of the last 10 samples at the alert level raise an alert (Table 5 note 2 defaults).</summary>
    private static ParameterTest FiveMicron(int recoverySamples)
    {
        var limits = new LimitBook(Demo).Resolve(Counter, Parameter.ParticlesFiveMicron, RoomState.AtRest)!;
        return new ParameterTest(Parameter.ParticlesFiveMicron, limits, BreachSide.High, new StepValue(0, 0), null,
            new StepValue(1000 / Litres, 1), BreachSamples: 3, RecoverySamples: recoverySamples, []);
    }

    [Fact]
    public void Problems_RecoveryShorterThanTheNOfMWindow_ExcursionDoesNotReturnInTime()
    {
        ParameterTest[] tests = [FiveMicron(recoverySamples: 3)];

        var problems = PlanCheck.Problems(Counter, tests, new SensorTimeline(Counter, tests));

        var (culprit, problem) = Assert.Single(problems);
        Assert.Equal(Parameter.ParticlesFiveMicron, culprit);
        Assert.Contains("would not return to normal within the 3 samples", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_RecoveryAsThePlannerSetsIt_None()
    {
        ParameterTest[] tests = [ParameterTestPlanner.WithSamples(FiveMicron(recoverySamples: 0), Counter.Interval)];

        var problems = PlanCheck.Problems(Counter, tests, new SensorTimeline(Counter, tests));

        Assert.Equal(12, tests[0].RecoverySamples);
        Assert.Empty(problems);
    }

    [Fact]
    public void Problems_AlertStepAtAnActionCount_Reported()
    {
        ParameterTest[] tests = [FiveMicron(12) with { Alert = new StepValue(1000 / Litres, 1) }];

        var problems = PlanCheck.Problems(Counter, tests, new SensorTimeline(Counter, tests));

        Assert.Contains(problems, p => p.Problem.StartsWith("alert step: the rules judge it Action", StringComparison.Ordinal));
    }
}
