using System.Globalization;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>The generated scenario of one sensor: its parameters' tests (planned from the limits the service resolves at
/// rest and checked against its rules), the timeline, and the rows a reviewer approves.</summary>
internal sealed class SensorScenario
{
    private SensorScenario(Sensor sensor, Room room, IReadOnlyList<ParameterTest> tests, SensorTimeline timeline, IReadOnlyList<NotCovered> gaps)
    {
        Sensor = sensor;
        Room = room;
        Tests = tests;
        Timeline = timeline;
        Gaps = gaps;
        Rows = [.. tests.SelectMany(RowsOf)];
    }

    public Sensor Sensor { get; }

    public Room Room { get; }

    public IReadOnlyList<ParameterTest> Tests { get; }

    public SensorTimeline Timeline { get; }

    public IReadOnlyList<GeneratedRow> Rows { get; }

    /// <summary>What of this sensor is not covered (a parameter without limits, a step no value can make…).</summary>
    public IReadOnlyList<NotCovered> Gaps { get; }

    public string Name => "site-" + Sensor.Id.Value;

    /// <summary>Plans the sensor's scenario, or returns null with the reasons in <paramref name="gaps"/> when there is nothing to drive.</summary>
    public static SensorScenario? Plan(FacilityDefinition facility, LimitBook book, Sensor sensor, List<NotCovered> gaps)
    {
        var id = sensor.Id.Value;
        if (sensor.Topic is null)
        {
            gaps.Add(new NotCovered(id, null, sensor.Source switch
            {
                SensorSource.Modbus => "a Modbus sensor: the kit plays values over MQTT only; with --modbus it can silence a Modbus device (communication loss) but not set its registers to a value",
                SensorSource.Computed => "a differential pressure the service computes from two absolute-pressure sensors: drive those sensors instead",
                SensorSource.Sparkplug => "a Sparkplug B sensor: the kit plays values as plain MQTT payloads only",
                _ => "no MQTT topic to publish on",
            }));
            return null;
        }
        var tests = new List<ParameterTest>();
        foreach (var parameter in sensor.Parameters)
        {
            if (book.Resolve(sensor, parameter, RoomState.AtRest) is not { } limits)
            {
                gaps.Add(new NotCovered(id, parameter.WireName(), "no limits at rest (not judged by the service, so there is nothing to step across)"));
                continue;
            }
            if (ParameterTestPlanner.Plan(sensor, parameter, limits, book.ExpectedSign(sensor)) is not { } test)
            {
                gaps.Add(new NotCovered(id, parameter.WireName(), "only particle rules, no alert or action level to step across"));
                continue;
            }
            tests.Add(ParameterTestPlanner.WithSamples(test, sensor.Interval));
        }
        var timeline = new SensorTimeline(sensor, tests);
        // Drop the steps the service's rules would judge otherwise than planned until the plan holds: each round drops
        // one parameter's steps, so it ends; a parameter held inside that would itself raise something stops the sensor.
        while (PlanCheck.Problems(sensor, tests, timeline) is [var (culprit, problem), ..])
        {
            var index = tests.FindIndex(t => t.Parameter == culprit);
            if (index < 0 || !tests[index].IsTested)
            {
                gaps.Add(new NotCovered(id, culprit.WireName(), "not generated: " + problem));
                return null;
            }
            tests[index] = tests[index].Untested("not stepped: " + problem);
            timeline = new SensorTimeline(sensor, tests);
        }
        foreach (var test in tests)
        {
            gaps.AddRange(test.Gaps.Select(g => new NotCovered(id, test.Parameter.WireName(), g)));
        }
        if (tests.Count == 0)
        {
            return null;
        }
        return new SensorScenario(sensor, facility.Room(sensor.Room), tests, timeline, [.. gaps.Where(g => g.Sensor == id)]);
    }

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"{Sensor.Id} ({Sensor.Location}, room {Room.Id}, grade {Sensor.Grade?.ToString() ?? "unclassified"}) at rest: each parameter held inside its limits, then beyond its alert level and beyond its action limit, each back inside after");

    private IEnumerable<GeneratedRow> RowsOf(ParameterTest test)
    {
        var id = $"SITE-{Sensor.Id.Value}-{test.Parameter.WireName()}";
        var kind = KindOf(test.Parameter);
        var wire = test.Parameter.WireName();
        var limits = DescribeLimits(test);
        var firstStep = Timeline.Steps.Count > 0 ? Timeline.TimeOf(Timeline.Steps[0].Start) : Timeline.Duration;
        // "No excursion" windows end 2 s before the first step: the checker matches starts with a second of slack.
        yield return new GeneratedRow(id + "-INSIDE", Clause(test, LimitLevel.Normal),
            Say($"{wire} held at {test.Inside.Describe(test.Parameter)}, inside its limits at rest ({limits}), raises no {kind} excursion on {Sensor.Id} in the first {Duration(firstStep)}"),
            kind, test.Parameter, LimitLevel.Normal, TimeSpan.Zero, firstStep - TimeSpan.FromSeconds(2), test.Inside);
        foreach (var step in Timeline.Steps.Where(s => s.Parameter == test.Parameter))
        {
            var value = test.ValueOf(step.Level)!;
            var level = step.Level == LimitLevel.Action ? "Action" : "Alert";
            var beyond = step.Level == LimitLevel.Action
                ? Say($"{(test.Side == BreachSide.High ? "at or above" : "at or below")} the action limit {Number(test.Bound(LimitLevel.Action))}{Unit(test.Parameter)}")
                : Say($"{(test.Side == BreachSide.High ? "at or above" : "at or below")} the alert level {Number(test.Bound(LimitLevel.Alert))}{Unit(test.Parameter)}")
                    + (test.Bound(LimitLevel.Action) is { } action ? Say($" and short of the action limit {Number(action)}{Unit(test.Parameter)}") : "");
            var delay = test.Limits.Delay > TimeSpan.Zero || test.Limits.DelaySamples > 1
                ? "; its alarm delay (" + string.Join(" and ", DelayParts(test.Limits)) + ") runs out inside the step"
                : "";
            var text = Say($"{wire} held at {value.Describe(test.Parameter)} for {step.Length} samples ({Duration(Timeline.Interval * step.Length)}), {beyond} ({limits}){delay}, ")
                + Say($"raises an {level} {kind} excursion on {Sensor.Id} ({wire}) starting in that step, which returns to normal once the value is back at {test.Inside.Describe(test.Parameter)}");
            yield return new GeneratedRow($"{id}-{level.ToUpperInvariant()}", Clause(test, step.Level), text, kind, test.Parameter, step.Level,
                Timeline.TimeOf(step.Start), Timeline.Interval * step.Length, value);
        }
    }

    private static IEnumerable<string> DelayParts(LimitSet limits)
    {
        if (limits.Delay > TimeSpan.Zero)
        {
            yield return Duration(limits.Delay);
        }
        if (limits.DelaySamples > 1)
        {
            yield return Say($"{limits.DelaySamples} consecutive samples");
        }
    }

    private static string Unit(Parameter parameter) => parameter.Info().IsParticleCount ? "/m³" : " " + parameter.Info().Unit;

    private static string DescribeLimits(ParameterTest test)
    {
        var unit = Unit(test.Parameter);
        static string Bounds(Band band, string unit) => (band.Low, band.High) switch
        {
            ({ } low, { } high) => Say($"≤{Number(low)} or ≥{Number(high)}{unit}"),
            (null, { } high) => Say($"≥{Number(high)}{unit}"),
            ({ } low, null) => Say($"≤{Number(low)}{unit}"),
            _ => "none",
        };
        var limits = test.Limits;
        return Say($"alert {Bounds(limits.Alert, unit)}, action {Bounds(limits.Action, unit)}; from {limits.Source}, limits version {limits.Version}");
    }

    /// <summary>The Annex 1 clause each kind of row proves, as the shipped library cites them.</summary>
    private static string Clause(ParameterTest test, LimitLevel level) => test.Parameter switch
    {
        Parameter.ParticlesHalfMicron or Parameter.ParticlesFiveMicron => level switch
        {
            LimitLevel.Alert => "EU GMP Annex 1 9.9; Table 5",
            LimitLevel.Action => "EU GMP Annex 1 Table 5; 9.13",
            _ => "EU GMP Annex 1 Table 5",
        },
        Parameter.DifferentialPressure => test.Limits.Delay > TimeSpan.Zero ? "EU GMP Annex 1 4.14, 4.16" : "EU GMP Annex 1 4.14",
        _ => "EU GMP Annex 1 9.6",
    };

    /// <summary>The excursion kind of a parameter's limits, as the service records it (ExcursionTracker).</summary>
    public static ExcursionKind KindOf(Parameter parameter) => parameter switch
    {
        Parameter.ParticlesHalfMicron or Parameter.ParticlesFiveMicron => ExcursionKind.Particles,
        Parameter.DifferentialPressure => ExcursionKind.DifferentialPressure,
        Parameter.Temperature => ExcursionKind.Temperature,
        Parameter.RelativeHumidity => ExcursionKind.Humidity,
        _ => ExcursionKind.Equipment,
    };

    /// <summary>A duration as scenario files write it: 90s, 5m, 500ms.</summary>
    public static string Duration(TimeSpan duration) =>
        duration == TimeSpan.Zero ? "0s"
        : duration.Ticks % TimeSpan.TicksPerMinute == 0 ? Say($"{(long)duration.TotalMinutes}m")
        : duration.Ticks % TimeSpan.TicksPerSecond == 0 ? Say($"{(long)duration.TotalSeconds}s")
        : Say($"{(long)duration.TotalMilliseconds}ms");

    public static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "none";

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
