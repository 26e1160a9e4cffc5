using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Excursions;

/// <summary>An excursion's peak is its worst value: the lowest of one that breached a minimum, the highest of one that
/// breached a maximum, through every escalation and at the return (issue 24: a low CO2 excursion escalated from its
/// alert to its action minimum recorded the in-limits value it returned at as its peak).</summary>
public sealed class ExcursionPeakTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly ExcursionTracker _sut = new(TrackerFacility.Create(), T0);

    private static Reading Value(string sensor, Parameter parameter, double value, TimeSpan at) =>
        new(new SensorId(sensor), new RoomId(sensor == "aldp" ? "al1" : "cr1"), parameter, value, T0 + at, TimeSource.Device, T0 + at);

    private static Reading Large(string sensor, long count, TimeSpan at, double litres) =>
        Value(sensor, Parameter.ParticlesFiveMicron, count * 1000 / litres, at) with { Count = count, VolumeLitres = litres };

    /// <summary>Feeds the readings in order and returns every change of the one excursion they make, in order.</summary>
    private List<ExcursionChange> Feed(params Reading[] readings)
    {
        var changes = readings.SelectMany(r => _sut.OnReading(r).Excursions).ToList();
        Assert.Single(changes.Select(c => c.After.Id).Distinct());
        return changes;
    }

    [Fact]
    public void LowSide_AlertEscalatedToAction_PeakIsTheLowestValueNotTheReturn()
    {
        // Temperature in cr1: alert minimum 19, action minimum 18.
        var changes = Feed(
            Value("th", Parameter.Temperature, 18.8, TimeSpan.FromMinutes(1)),
            Value("th", Parameter.Temperature, 17.5, TimeSpan.FromMinutes(2)),
            Value("th", Parameter.Temperature, 17.0, TimeSpan.FromMinutes(3)),
            Value("th", Parameter.Temperature, 18.5, TimeSpan.FromMinutes(4)),
            Value("th", Parameter.Temperature, 20.0, TimeSpan.FromMinutes(5)));

        Assert.Equal(["raised", "escalated", "returned"], changes.Select(c => c.Action));
        var escalated = changes[1].After;
        Assert.Equal((LimitLevel.Action, 18.0, 18.8, 17.5), (escalated.Level, escalated.Limit, escalated.TriggerValue, escalated.PeakValue));
        var returned = changes[^1].After;
        Assert.Equal(BreachSide.Low, returned.Side);
        Assert.Equal(17.0, returned.PeakValue);
        Assert.Equal(T0.AddMinutes(3), returned.PeakAt);
        Assert.Equal(T0.AddMinutes(5), returned.EndedAt);
    }

    [Fact]
    public void HighSide_AlertEscalatedToAction_PeakIsTheHighestValue()
    {
        // Temperature in cr1: alert maximum 23, action maximum 25.
        var changes = Feed(
            Value("th", Parameter.Temperature, 23.5, TimeSpan.FromMinutes(1)),
            Value("th", Parameter.Temperature, 25.5, TimeSpan.FromMinutes(2)),
            Value("th", Parameter.Temperature, 26.0, TimeSpan.FromMinutes(3)),
            Value("th", Parameter.Temperature, 24.0, TimeSpan.FromMinutes(4)),
            Value("th", Parameter.Temperature, 21.0, TimeSpan.FromMinutes(5)));

        Assert.Equal(["raised", "escalated", "returned"], changes.Select(c => c.Action));
        var returned = changes[^1].After;
        Assert.Equal((BreachSide.High, LimitLevel.Action, 25.0), (returned.Side!.Value, returned.Level, returned.Limit!.Value));
        Assert.Equal(26.0, returned.PeakValue);
        Assert.Equal(T0.AddMinutes(3), returned.PeakAt);
    }

    [Fact]
    public void LowSide_PressureMinimumWithDelay_EscalatedToAction_PeakIsTheLowest()
    {
        // The airlock: alert minimum 12.5 Pa with a 30 s delay, action minimum 10 Pa (the Annex 1 default).
        var changes = Feed(
            Value("aldp", Parameter.DifferentialPressure, 12.0, TimeSpan.Zero),
            Value("aldp", Parameter.DifferentialPressure, 12.0, TimeSpan.FromSeconds(30)),
            Value("aldp", Parameter.DifferentialPressure, 9.0, TimeSpan.FromSeconds(40)),
            Value("aldp", Parameter.DifferentialPressure, 8.0, TimeSpan.FromSeconds(50)),
            Value("aldp", Parameter.DifferentialPressure, 11.0, TimeSpan.FromSeconds(60)),
            Value("aldp", Parameter.DifferentialPressure, 14.0, TimeSpan.FromSeconds(70)));

        Assert.Equal(["raised", "escalated", "returned"], changes.Select(c => c.Action));
        var returned = changes[^1].After;
        Assert.Equal((12.0, 10.0), (returned.TriggerValue!.Value, returned.Limit!.Value));
        Assert.Equal(8.0, returned.PeakValue);
        Assert.Equal(T0.AddSeconds(50), returned.PeakAt);
    }

    [Fact]
    public void Delay_ASampleDuringTheDelayWorseThanTheTrigger_IsThePeakWithItsOwnTime()
    {
        // The airlock's 30 s delay: 10.5 Pa during it is worse than the 12.0 Pa that completes it.
        var changes = Feed(
            Value("aldp", Parameter.DifferentialPressure, 11.0, TimeSpan.Zero),
            Value("aldp", Parameter.DifferentialPressure, 10.5, TimeSpan.FromSeconds(15)),
            Value("aldp", Parameter.DifferentialPressure, 12.0, TimeSpan.FromSeconds(30)),
            Value("aldp", Parameter.DifferentialPressure, 14.0, TimeSpan.FromSeconds(40)));

        var raised = changes[0].After;
        Assert.Equal((T0, 12.0, 10.5, T0.AddSeconds(15)), (raised.StartedAt, raised.TriggerValue!.Value, raised.PeakValue!.Value, raised.PeakAt!.Value));
        var returned = changes[^1].After;
        Assert.Equal((10.5, T0.AddSeconds(15)), (returned.PeakValue!.Value, returned.PeakAt!.Value));
    }

    [Fact]
    public void Delay_RestartedDuringTheDelay_TheSnapshotKeepsTheWorstSample()
    {
        _sut.OnReading(Value("aldp", Parameter.DifferentialPressure, 10.5, TimeSpan.Zero));
        var restarted = new ExcursionTracker(TrackerFacility.Create(), T0.AddSeconds(20));
        restarted.RestoreRuleState(_sut.CaptureRuleState(T0.AddSeconds(20)));

        var raised = Assert.Single(restarted.OnReading(Value("aldp", Parameter.DifferentialPressure, 12.0, TimeSpan.FromSeconds(30))).Excursions).After;

        Assert.Equal((T0, 10.5, T0), (raised.StartedAt, raised.PeakValue!.Value, raised.PeakAt!.Value));
    }

    [Fact]
    public void LowSide_ValueExactlyAtTheMinimum_IsALowSideBreach()
    {
        // "value ≤ alert limit 19": the trigger equals the limit, and the peak still follows the lowest value.
        var changes = Feed(
            Value("th", Parameter.Temperature, 19.0, TimeSpan.FromMinutes(1)),
            Value("th", Parameter.Temperature, 18.5, TimeSpan.FromMinutes(2)),
            Value("th", Parameter.Temperature, 20.0, TimeSpan.FromMinutes(3)));

        var returned = changes[^1].After;
        Assert.Equal((BreachSide.Low, 19.0), (returned.Side!.Value, returned.TriggerValue!.Value));
        Assert.Equal(18.5, returned.PeakValue);
    }

    [Fact]
    public void HighSide_ValueExactlyAtTheMaximum_PeakIsTheHighest()
    {
        var changes = Feed(
            Value("th", Parameter.Temperature, 23.0, TimeSpan.FromMinutes(1)),
            Value("th", Parameter.Temperature, 24.0, TimeSpan.FromMinutes(2)),
            Value("th", Parameter.Temperature, 22.0, TimeSpan.FromMinutes(3)));

        var returned = changes[^1].After;
        Assert.Equal(BreachSide.High, returned.Side);
        Assert.Equal(24.0, returned.PeakValue);
    }

    [Fact]
    public void ParticleRule_ConsecutiveCountsEscalatedByTheActionLimit_PeakIsTheHighestConcentration()
    {
        // Grade A ≥5.0 µm: 3 consecutive samples with counts raise an alert with no limit value and a trigger below the
        // action limit (29/m³); a sample above it escalates. The peak is the highest concentration, not the lowest.
        var changes = Feed(
            Large("pca", 2, TimeSpan.FromMinutes(1), litres: 100),
            Large("pca", 2, TimeSpan.FromMinutes(2), litres: 100),
            Large("pca", 2, TimeSpan.FromMinutes(3), litres: 100),
            Large("pca", 5, TimeSpan.FromMinutes(4), litres: 28.3),
            Large("pca", 1, TimeSpan.FromMinutes(5), litres: 100),
            Large("pca", 0, TimeSpan.FromMinutes(6), litres: 100));

        Assert.Equal(["raised", "escalated", "returned"], changes.Select(c => c.Action));
        Assert.Equal((LimitLevel.Alert, (double?)null, 20.0), (changes[0].After.Level, changes[0].After.Limit, changes[0].After.TriggerValue!.Value));
        var returned = changes[^1].After;
        Assert.Equal((BreachSide.High, 29.0), (returned.Side!.Value, returned.Limit!.Value));
        Assert.Equal(5 * 1000 / 28.3, returned.PeakValue!.Value, 6);
        Assert.Equal(T0.AddMinutes(4), returned.PeakAt);
    }

    [Fact]
    public void PressureReversal_ExactlyZero_IsALowSideBreachAndItsPeakTheMostReversed()
    {
        // dp is referenced to the airlock and must stay positive: 0 Pa is already a reversal.
        var changes = new[] { 0.0, -2.0, -1.0, 12.0 }
            .Select((pa, i) => Value("dp", Parameter.DifferentialPressure, pa, TimeSpan.FromSeconds(10 * i)))
            .SelectMany(r => _sut.OnReading(r).Excursions)
            .Where(c => c.After.Kind == ExcursionKind.PressureReversal)
            .ToList();

        var returned = Assert.Single(changes, c => c.Action == "returned").After;
        Assert.Equal(BreachSide.Low, returned.Side);
        Assert.Equal(-2.0, returned.PeakValue);
    }

    [Fact]
    public void Restored_LowSideExcursion_KeepsFollowingTheLowestValue()
    {
        var escalated = Feed(
            Value("th", Parameter.Temperature, 18.8, TimeSpan.FromMinutes(1)),
            Value("th", Parameter.Temperature, 17.5, TimeSpan.FromMinutes(2)))[^1].After;
        var restarted = new ExcursionTracker(TrackerFacility.Create(), T0.AddMinutes(3));
        restarted.Restore([], [], [escalated]);

        restarted.OnReading(Value("th", Parameter.Temperature, 17.2, TimeSpan.FromMinutes(4)));
        var returned = Assert.Single(restarted.OnReading(Value("th", Parameter.Temperature, 20, TimeSpan.FromMinutes(5))).Excursions).After;

        Assert.Equal(escalated.Id, returned.Id);
        Assert.Equal(17.2, returned.PeakValue);
    }
}
