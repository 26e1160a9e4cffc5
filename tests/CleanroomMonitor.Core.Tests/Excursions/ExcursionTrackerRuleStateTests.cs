using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Excursions;

/// <summary>Snapshot and restore of the rule counters across a restart: a breach in progress is neither missed nor
/// raised twice. Each "restart" is a new tracker given what the old one saved, as the engine does.</summary>
public sealed class ExcursionTrackerRuleStateTests
{
    private const string Json = """
        {
          "site": { "id": "s", "name": "S", "timeZone": "UTC" },
          "rooms": [ { "id": "r", "name": "Room", "grade": "C" } ],
          "sensors": [
            { "id": "pc", "room": "r", "parameters": ["particles_5_0um"], "interval": "1m",
              "limits": { "particles_5_0um": { "alert": 30, "occurrences": { "n": 3, "m": 5 }, "delay": "1h", "justification": "single counts are scattered" } } }
          ]
        }
        """;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly FacilityDefinition Facility = FacilityReader.Parse(Json, "rules.json");

    /// <summary>One count in 28.3 L is 35/m³, at or above the alert level of 30; zero counts is clean.</summary>
    private static Reading Sample(int minute, long count) =>
        new(new SensorId("pc"), new RoomId("r"), Parameter.ParticlesFiveMicron, count * 1000 / 28.3, T0.AddMinutes(minute), TimeSource.Device,
            T0.AddMinutes(minute), Count: count, VolumeLitres: 28.3);

    private static ExcursionTracker Restarted(RuleSnapshot? snapshot, IEnumerable<Excursion> open, int minute)
    {
        var tracker = new ExcursionTracker(Facility, T0.AddMinutes(minute));
        if (snapshot is not null)
        {
            tracker.RestoreRuleState(snapshot);
        }
        tracker.Restore([], [], open);
        return tracker;
    }

    [Fact]
    public void Restore_MidNOfMBreach_TheThirdHitAfterTheRestartRaisesIt()
    {
        var before = new ExcursionTracker(Facility, T0);
        Assert.True(before.OnReading(Sample(0, 1)).IsEmpty);
        Assert.True(before.OnReading(Sample(1, 0)).IsEmpty);
        Assert.True(before.OnReading(Sample(2, 1)).IsEmpty);
        var snapshot = before.CaptureRuleState(T0.AddMinutes(2));

        var after = Restarted(snapshot, [], 3);
        var outcome = after.OnReading(Sample(3, 1));

        var raised = Assert.Single(outcome.Excursions).After;
        Assert.Contains("3 of the last 5", raised.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_WithoutASnapshot_TheSameBreachIsNotSeen()
    {
        // What the snapshot is for: counters that start empty miss the breach in progress.
        var after = Restarted(null, [], 3);

        Assert.True(after.OnReading(Sample(3, 1)).IsEmpty);
    }

    [Fact]
    public void Restore_SnapshotAfterTheRaise_ContinuingBreachNoDuplicateAndTheReturnClosesTheOriginal()
    {
        var before = new ExcursionTracker(Facility, T0);
        before.OnReading(Sample(0, 1));
        before.OnReading(Sample(1, 1));
        var raised = Assert.Single(before.OnReading(Sample(2, 1)).Excursions).After;
        var snapshot = before.CaptureRuleState(T0.AddMinutes(2));

        var after = Restarted(snapshot, [raised], 3);

        Assert.Empty(after.OnReading(Sample(3, 1)).Excursions);
        Assert.Empty(after.OnReading(Sample(4, 0)).Excursions);
        Assert.Empty(after.OnReading(Sample(5, 0)).Excursions);
        var returned = Assert.Single(after.OnReading(Sample(6, 0)).Excursions);
        Assert.Equal(raised.Id, returned.After.Id);
        Assert.Equal("returned", returned.Action);
    }

    [Fact]
    public void Restore_SnapshotOlderThanTheRaise_TheOpenExcursionWinsNoDuplicate()
    {
        // The process died between saving the excursion and saving the snapshot: the snapshot still says normal.
        var before = new ExcursionTracker(Facility, T0);
        before.OnReading(Sample(0, 1));
        before.OnReading(Sample(1, 1));
        var snapshot = before.CaptureRuleState(T0.AddMinutes(1));
        var raised = Assert.Single(before.OnReading(Sample(2, 1)).Excursions).After;

        var after = Restarted(snapshot, [raised], 3);

        Assert.Empty(after.OnReading(Sample(3, 1)).Excursions);
        Assert.Single(after.Active);
    }

    [Fact]
    public void Restore_SnapshotOlderThanTheReturn_ABreachAfterTheRestartRaisesAgain()
    {
        // The snapshot says "alert reported", but the records say it returned: nothing open, so a new breach is new.
        var before = new ExcursionTracker(Facility, T0);
        before.OnReading(Sample(0, 1));
        before.OnReading(Sample(1, 1));
        before.OnReading(Sample(2, 1));
        var snapshot = before.CaptureRuleState(T0.AddMinutes(2));

        var after = Restarted(snapshot, [], 10);

        Assert.Single(after.OnReading(Sample(10, 1)).Excursions);
    }

    [Fact]
    public void RestoreRuleState_OtherFacilityVersion_IsNotLoaded()
    {
        var before = new ExcursionTracker(Facility, T0);
        before.OnReading(Sample(0, 1));
        var snapshot = before.CaptureRuleState(T0) with { FacilityVersion = "another" };

        Assert.Equal(0, new ExcursionTracker(Facility, T0).RestoreRuleState(snapshot));
    }

    [Fact]
    public void CaptureRuleState_RoundTripsEveryCounter()
    {
        var before = new ExcursionTracker(Facility, T0);
        before.OnReading(Sample(0, 1));
        before.OnReading(Sample(1, 0));
        var snapshot = before.CaptureRuleState(T0.AddMinutes(1));

        var after = new ExcursionTracker(Facility, T0);
        Assert.Equal(1, after.RestoreRuleState(snapshot));
        var again = after.CaptureRuleState(T0.AddMinutes(1));

        var state = Assert.Single(again.Rules).State;
        Assert.Equal(Assert.Single(snapshot.Rules).State.RecentAlerts, state.RecentAlerts);
        Assert.Equal([true, false], state.RecentAlerts);
        Assert.Equal(T0.AddMinutes(1), state.LastAt);
    }
}
