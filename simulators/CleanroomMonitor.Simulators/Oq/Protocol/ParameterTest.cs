using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>What a generated scenario does with one sensor parameter: the limits the service resolves for it at rest, the
/// side tested, the value it is held at between steps (<see cref="Inside"/>), and the values of its alert and action
/// steps (null: that step is not generated, <see cref="Gaps"/> says why).</summary>
/// <param name="BreachSamples">How many samples each step holds the value beyond its limit: enough to complete the
/// limit's delay (time and samples), with a margin.</param>
/// <param name="RecoverySamples">How many samples it is held inside after a step before the next: enough for the
/// excursion to return to normal (the N-of-M rule keeps a breach in its window for M samples).</param>
internal sealed record ParameterTest(
    Parameter Parameter,
    LimitSet Limits,
    BreachSide Side,
    StepValue Inside,
    StepValue? Alert,
    StepValue? Action,
    int BreachSamples,
    int RecoverySamples,
    IReadOnlyList<string> Gaps)
{
    public bool IsTested => Alert is not null || Action is not null;

    /// <summary>The bound of a level's band on the tested side.</summary>
    public double? Bound(LimitLevel level)
    {
        var band = level == LimitLevel.Action ? Limits.Action : Limits.Alert;
        return Side == BreachSide.High ? band.High : band.Low;
    }

    public StepValue? ValueOf(LimitLevel level) => level == LimitLevel.Action ? Action : Alert;

    /// <summary>This test with its steps dropped, held inside throughout, for <paramref name="reason"/>.</summary>
    public ParameterTest Untested(string reason) => this with { Alert = null, Action = null, Gaps = [.. Gaps, reason] };
}
