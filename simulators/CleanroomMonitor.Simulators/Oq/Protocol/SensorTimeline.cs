using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>The timeline of a sensor's generated scenario in samples of its interval: every parameter inside its limits
/// for <see cref="Initial"/> samples, then each tested parameter in turn through its alert step and its action step,
/// each followed by a recovery inside the limits. Every segment is a whole number of intervals, so it holds exactly that
/// many samples whatever the phase of the sensor's first sample.</summary>
internal sealed class SensorTimeline
{
    private readonly List<Step> _steps = [];

    public SensorTimeline(Sensor sensor, IReadOnlyList<ParameterTest> tests)
    {
        Interval = sensor.Interval;
        // At least a minute, and 3 samples, of every value inside before the first step: the "no excursion" rows.
        Initial = Math.Max(3, (int)Math.Ceiling(TimeSpan.FromMinutes(1) / Interval));
        var at = Initial;
        foreach (var test in tests.Where(t => t.IsTested))
        {
            foreach (var level in (LimitLevel[])[LimitLevel.Alert, LimitLevel.Action])
            {
                if (test.ValueOf(level) is not null)
                {
                    _steps.Add(new Step(test.Parameter, level, at, test.BreachSamples));
                    at += test.BreachSamples + test.RecoverySamples;
                }
            }
        }
        Samples = at;
    }

    public TimeSpan Interval { get; }

    public int Initial { get; }

    /// <summary>Samples in the scenario.</summary>
    public int Samples { get; }

    public TimeSpan Duration => Interval * Samples;

    public IReadOnlyList<Step> Steps => _steps;

    public TimeSpan TimeOf(int sample) => Interval * sample;

    public Step? StepAt(int sample) => _steps.FirstOrDefault(s => s.Covers(sample));

    public StepValue ValueAt(ParameterTest test, int sample) =>
        _steps.FirstOrDefault(s => s.Parameter == test.Parameter && s.Covers(sample)) is { } step ? test.ValueOf(step.Level)! : test.Inside;

    /// <summary>The parameter's values as segments (first sample, samples, value), consecutive equal values merged: one
    /// scenario event each.</summary>
    public IEnumerable<(int Start, int Length, StepValue Value)> Holds(ParameterTest test)
    {
        var start = 0;
        for (var sample = 1; sample <= Samples; sample++)
        {
            if (sample == Samples || ValueAt(test, sample) != ValueAt(test, start))
            {
                yield return (start, sample - start, ValueAt(test, start));
                start = sample;
            }
        }
    }
}
