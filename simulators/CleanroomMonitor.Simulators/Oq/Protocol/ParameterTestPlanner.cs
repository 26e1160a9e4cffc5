using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Simulators.Signals;

namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>Chooses, from the limits the service resolves for a sensor parameter, the values a generated scenario drives it
/// to: inside the limits, beyond the alert limit but inside the action limit, and beyond the action limit. One side per
/// parameter: the side that has both an alert and an action limit (the upper one when both do).</summary>
internal static class ParameterTestPlanner
{
    /// <summary>The fraction beyond a limit a step goes when there is no second limit to stay inside (a value just at
    /// the limit breaches it, but a margin makes the step unambiguous to a reviewer).</summary>
    private const double Margin = 0.2;

    public static ParameterTest? Plan(Sensor sensor, Parameter parameter, LimitSet limits, int expectedSign)
    {
        if (!limits.Alert.IsSet && !limits.Action.IsSet)
        {
            return null;
        }
        var side = ChooseSide(limits);
        var gaps = new List<string>();
        var other = side == BreachSide.High ? BreachSide.Low : BreachSide.High;
        if (Bound(limits.Alert, other) is not null || Bound(limits.Action, other) is not null)
        {
            gaps.Add($"the {Name(other)} side ({DescribeSide(limits, other)}) is not stepped across: one side per parameter");
        }
        var test = parameter.Info().IsParticleCount
            ? PlanParticles(sensor, parameter, limits, side, gaps)
            : PlanValue(parameter, limits, side, expectedSign, gaps);
        return test;
    }

    private static ParameterTest PlanValue(Parameter parameter, LimitSet limits, BreachSide side, int expectedSign, List<string> gaps)
    {
        var sign = side == BreachSide.High ? 1 : -1;
        var alert = Bound(limits.Alert, side);
        var action = Bound(limits.Action, side);
        var innermost = Innermost(limits, side)!.Value;
        var scale = alert is { } a && action is { } b ? Math.Abs(b - a) : Math.Max(Math.Abs(innermost) * Margin, 0.5);
        var inside = Round(InsideValue(limits, side, scale));
        StepValue? alertStep = alert is { } al ? new StepValue(Round(al + sign * (action is null ? scale : scale / 2))) : null;
        StepValue? actionStep = action is { } ac ? new StepValue(Round(ac + sign * (alert is null ? scale : scale / 2))) : null;
        var info = parameter.Info();
        alertStep = Keep(alertStep, LimitLevel.Alert, limits, gaps, v => v >= info.PhysicalMin && v <= info.PhysicalMax,
            "lies outside the parameter's physical range");
        actionStep = Keep(actionStep, LimitLevel.Action, limits, gaps, v => v >= info.PhysicalMin && v <= info.PhysicalMax,
            "lies outside the parameter's physical range");
        if (parameter == Parameter.DifferentialPressure && expectedSign != 0)
        {
            // A value of the wrong sign is also a cascade reversal, an action excursion of its own (4.13-4.14): a step
            // must show the limit alone.
            alertStep = Keep(alertStep, LimitLevel.Alert, limits, gaps, v => v * expectedSign > 0, "would also reverse the pressure cascade");
            actionStep = Keep(actionStep, LimitLevel.Action, limits, gaps, v => v * expectedSign > 0, "would also reverse the pressure cascade");
        }
        NoteMissing(side, alert, action, gaps);
        return Checked(new ParameterTest(parameter, limits, side, new StepValue(inside), alertStep, actionStep, 0, 0, gaps));
    }

    private static ParameterTest PlanParticles(Sensor sensor, Parameter parameter, LimitSet limits, BreachSide side, List<string> gaps)
    {
        var litres = SensorSignal.SampleLitres(sensor.Interval);
        var alert = Bound(limits.Alert, side);
        var action = Bound(limits.Action, side);
        if (side == BreachSide.Low)
        {
            gaps.Add("a lower particle limit is not stepped across (counts are driven upwards only)");
            return Checked(new ParameterTest(parameter, limits, side, StepValue.Particles(0, litres), null, null, 0, 0, gaps));
        }
        // The consecutive-count rule raises an alert on K samples with any count: clean air between steps means no count.
        var insideCount = limits.Rules.ConsecutiveSamples is not null ? 0 : (long)Math.Floor(Innermost(limits, side)!.Value * 0.5 * litres / 1000);
        StepValue? alertStep = null;
        if (alert is { } al)
        {
            var count = FirstCountAtOrAbove(al * (1 + Margin / 2), litres);
            if (action is { } ac && StepValue.Particles(count, litres).Value >= ac)
            {
                count = FirstCountAtOrAbove(al, litres);
            }
            alertStep = StepValue.Particles(count, litres);
            if (action is { } limit && alertStep.Value >= limit)
            {
                gaps.Add(string.Create(CultureInfo.InvariantCulture,
                    $"alert step: no whole count per sample lies between the alert level {al} and the action limit {limit}/m³ (one particle in the {litres} L sample is {1000 / litres:0.#}/m³)"));
                alertStep = null;
            }
        }
        StepValue? actionStep = action is { } act ? StepValue.Particles(Math.Max(1, FirstCountAtOrAbove(act * (1 + Margin), litres)), litres) : null;
        alertStep = Keep(alertStep, LimitLevel.Alert, limits, gaps, _ => true, "");
        actionStep = Keep(actionStep, LimitLevel.Action, limits, gaps, _ => true, "");
        NoteMissing(side, alert, action, gaps);
        return Checked(new ParameterTest(parameter, limits, side, StepValue.Particles(insideCount, litres), alertStep, actionStep, 0, 0, gaps));
    }

    /// <summary>Sets the samples each step and each recovery needs under the limit's delay and rules.</summary>
    public static ParameterTest WithSamples(ParameterTest test, TimeSpan interval)
    {
        var limits = test.Limits;
        // The delay runs from the first breaching sample's time: n samples span (n - 1) intervals.
        var forDelay = (int)Math.Ceiling(limits.Delay / interval) + 1;
        var breach = Math.Max(Math.Max(limits.DelaySamples, forDelay), 1) + 2;
        var recovery = Math.Max(3, (limits.Rules.OccurrencesM ?? 0) + 2);
        return test with { BreachSamples = breach, RecoverySamples = recovery };
    }

    private static ParameterTest Checked(ParameterTest test)
    {
        var limits = test.Limits;
        if (limits.Classify(test.Inside.Value) != LimitLevel.Normal
            || !limits.Alert.ClearOf(test.Inside.Value, limits.Deadband) || !limits.Action.ClearOf(test.Inside.Value, limits.Deadband))
        {
            return test.Untested(string.Create(CultureInfo.InvariantCulture,
                $"no value clear of the limits by the deadband {limits.Deadband} was found to hold it at between steps"));
        }
        return test;
    }

    private static StepValue? Keep(StepValue? step, LimitLevel level, LimitSet limits, List<string> gaps, Func<double, bool> acceptable, string why)
    {
        if (step is null)
        {
            return null;
        }
        var name = level == LimitLevel.Action ? "action" : "alert";
        if (limits.Classify(step.Value) != level)
        {
            gaps.Add(string.Create(CultureInfo.InvariantCulture, $"{name} step: the value chosen ({step.Value:0.###}) is not at the {name} level under these limits"));
            return null;
        }
        if (!acceptable(step.Value))
        {
            gaps.Add(string.Create(CultureInfo.InvariantCulture, $"{name} step: the value beyond the limit ({step.Value:0.###}) {why}"));
            return null;
        }
        return step;
    }

    private static void NoteMissing(BreachSide side, double? alert, double? action, List<string> gaps)
    {
        if (alert is null)
        {
            gaps.Add($"alert step: no alert level on the {Name(side)} side");
        }
        if (action is null)
        {
            gaps.Add($"action step: no action limit on the {Name(side)} side");
        }
    }

    private static long FirstCountAtOrAbove(double perCubicMetre, double litres)
    {
        var count = (long)Math.Ceiling(perCubicMetre * litres / 1000);
        // Floating point: the service compares count × 1000 / litres with the limit, so check it the same way.
        while (count * 1000.0 / litres < perCubicMetre)
        {
            count++;
        }
        return Math.Max(count, 0);
    }

    /// <summary>The side that has both levels (upper first), else the one with an action limit, else the one with an alert.</summary>
    private static BreachSide ChooseSide(LimitSet limits)
    {
        bool Both(BreachSide s) => Bound(limits.Alert, s) is not null && Bound(limits.Action, s) is not null;
        if (Both(BreachSide.High))
        {
            return BreachSide.High;
        }
        if (Both(BreachSide.Low))
        {
            return BreachSide.Low;
        }
        if (limits.Action.High is not null)
        {
            return BreachSide.High;
        }
        return limits.Action.Low is not null || (limits.Alert.Low is not null && limits.Alert.High is null) ? BreachSide.Low : BreachSide.High;
    }

    /// <summary>A value well inside: the middle of the innermost band when it has both bounds, else two steps' scale inside
    /// the innermost limit on the tested side.</summary>
    private static double InsideValue(LimitSet limits, BreachSide side, double scale)
    {
        var high = Innermost(limits, BreachSide.High);
        var low = Innermost(limits, BreachSide.Low);
        if (high is { } h && low is { } l)
        {
            return (h + l) / 2;
        }
        return side == BreachSide.High ? Innermost(limits, side)!.Value - 2 * scale : Innermost(limits, side)!.Value + 2 * scale;
    }

    /// <summary>The limit a value meets first on a side: the alert level when there is one, else the action limit.</summary>
    private static double? Innermost(LimitSet limits, BreachSide side)
    {
        var alert = Bound(limits.Alert, side);
        var action = Bound(limits.Action, side);
        return (alert, action) switch
        {
            ({ } a, { } b) => side == BreachSide.High ? Math.Min(a, b) : Math.Max(a, b),
            _ => alert ?? action,
        };
    }

    private static double? Bound(Band band, BreachSide side) => side == BreachSide.High ? band.High : band.Low;

    private static string Name(BreachSide side) => side == BreachSide.High ? "upper" : "lower";

    private static string DescribeSide(LimitSet limits, BreachSide side) => string.Create(CultureInfo.InvariantCulture,
        $"alert {Bound(limits.Alert, side)?.ToString(CultureInfo.InvariantCulture) ?? "none"}, action {Bound(limits.Action, side)?.ToString(CultureInfo.InvariantCulture) ?? "none"}");

    private static double Round(double value) => Math.Round(value, 3);
}
