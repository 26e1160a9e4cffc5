using System.Globalization;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Simulators.Signals;

namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>Plays a generated timeline through the service's own rule state machine (<see cref="LimitEvaluator"/>, with
/// its delay, deadband and particle rules) before any file is written: each step must start exactly one excursion of its
/// level inside the step, that excursion must return to normal in the recovery after it, and nothing else may start. A
/// plan the rules would judge otherwise is not generated (the README says why), so no row expects what the service,
/// correctly configured, would not do.</summary>
/// <remarks>The evaluator is warmed up with the parameter's inside value long enough to fill its N-of-M and
/// cumulative-volume windows, as an installation that has been measuring that value would be. The ≥0.5 µm channel
/// carries the ≥5.0 µm particles too (cumulative channels, as the simulators publish them).</remarks>
internal static class PlanCheck
{
    /// <summary>The problems found, each with the parameter whose steps cause it.</summary>
    public static IReadOnlyList<(Parameter Culprit, string Problem)> Problems(Sensor sensor, IReadOnlyList<ParameterTest> tests, SensorTimeline timeline)
    {
        var problems = new List<(Parameter, string)>();
        foreach (var test in tests)
        {
            problems.AddRange(Check(sensor, tests, timeline, test));
        }
        return problems;
    }

    private static IEnumerable<(Parameter, string)> Check(Sensor sensor, IReadOnlyList<ParameterTest> tests, SensorTimeline timeline, ParameterTest test)
    {
        var litres = SensorSignal.SampleLitres(sensor.Interval);
        var rules = test.Limits.Rules;
        var warmUp = Math.Max(rules.OccurrencesM ?? 0, (int)Math.Ceiling((rules.CumulativeVolumeLitres ?? 0) / litres)) + 1;
        var evaluator = new LimitEvaluator();
        var verdicts = new List<(int Sample, Verdict Verdict)>();
        for (var sample = -warmUp; sample < timeline.Samples; sample++)
        {
            var verdict = evaluator.Evaluate(ReadingAt(sensor, tests, timeline, test, Math.Max(sample, -1), sample, litres), test.Limits);
            if (verdict.Kind != VerdictKind.None)
            {
                verdicts.Add((sample, verdict));
            }
        }
        var steps = timeline.Steps.Where(s => s.Parameter == test.Parameter).ToList();
        foreach (var (sample, verdict) in verdicts)
        {
            var step = steps.FirstOrDefault(s => s.Covers(sample));
            var after = steps.LastOrDefault(s => s.Start <= sample);
            var culprit = timeline.StepAt(sample)?.Parameter ?? test.Parameter;
            switch (verdict.Kind)
            {
                case VerdictKind.Start when step is null:
                    yield return (culprit, Say($"{test.Parameter.WireName()} would raise {verdict.Level} (rule \"{verdict.Rule}\") at sample {sample}, outside its steps"));
                    break;
                case VerdictKind.Start when step.Level == LimitLevel.Alert && verdict.Level != LimitLevel.Alert:
                    yield return (test.Parameter, Say($"alert step: the rules judge it {verdict.Level} (rule \"{verdict.Rule}\")"));
                    break;
                case VerdictKind.Escalate when step is null || step.Level != LimitLevel.Action:
                    yield return (culprit, Say($"{test.Parameter.WireName()} would escalate to {verdict.Level} (rule \"{verdict.Rule}\") at sample {sample}, outside its action step"));
                    break;
                case VerdictKind.Return when after is null || after.Covers(sample):
                    yield return (culprit, Say($"{test.Parameter.WireName()} would return to normal at sample {sample}, inside a step"));
                    break;
            }
        }
        foreach (var step in steps)
        {
            var next = steps.FirstOrDefault(s => s.Start > step.Start)?.Start ?? timeline.Samples;
            var starts = verdicts.Count(v => v.Verdict.Kind == VerdictKind.Start && step.Covers(v.Sample));
            var level = verdicts.Where(v => step.Covers(v.Sample) && v.Verdict.Kind is VerdictKind.Start or VerdictKind.Escalate).Select(v => v.Verdict.Level).DefaultIfEmpty().Max();
            var returned = verdicts.Any(v => v.Verdict.Kind == VerdictKind.Return && v.Sample >= step.Start + step.Length && v.Sample < next);
            var name = step.Level == LimitLevel.Action ? "action" : "alert";
            if (starts != 1 || level != step.Level)
            {
                yield return (test.Parameter, Say($"{name} step: the rules would raise {starts} excursion(s) reaching {level} in it, not one reaching {step.Level}"));
            }
            else if (!returned)
            {
                yield return (test.Parameter, Say($"{name} step: the excursion would not return to normal within the {test.RecoverySamples} samples after it"));
            }
        }
    }

    private static Reading ReadingAt(Sensor sensor, IReadOnlyList<ParameterTest> tests, SensorTimeline timeline, ParameterTest test, int valueSample, int sample, double litres)
    {
        var at = DateTimeOffset.UnixEpoch + timeline.Interval * (sample + 0.5);
        var value = valueSample < 0 ? test.Inside : timeline.ValueAt(test, valueSample);
        if (value.Count is not { } count)
        {
            return new Reading(sensor.Id, sensor.Room, test.Parameter, value.Value, at, TimeSource.Device, at);
        }
        if (test.Parameter == Parameter.ParticlesHalfMicron && tests.FirstOrDefault(t => t.Parameter == Parameter.ParticlesFiveMicron) is { } large)
        {
            // Every ≥5.0 µm particle is also a ≥0.5 µm particle (SensorSignal adds them).
            count += (valueSample < 0 ? large.Inside : timeline.ValueAt(large, valueSample)).Count ?? 0;
        }
        return new Reading(sensor.Id, sensor.Room, test.Parameter, count * 1000.0 / litres, at, TimeSource.Device, at, count, litres);
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
