using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Tests.Excursions;

public sealed class ExcursionShelvingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Longest = TimeSpan.FromHours(8);

    private static readonly Excursion Raised = new(Guid.NewGuid(), ExcursionKind.Temperature, LimitLevel.Action, new SensorId("th"), new RoomId("cr1"),
        Parameter.Temperature, Grade.B, RoomState.AtRest, "value ≥ action limit 25", 26, 25, null, null, T0, null, 26, T0,
        ExcursionStatus.Unacknowledged, [], [], "v1");

    private static ExcursionShelving Shelving(DateTimeOffset at, DateTimeOffset until, string reason = "sensor being swapped, WO-17") =>
        new(new Signature(Guid.NewGuid(), "op", "Olive Operator", "Operator", "shelved", at, "password re-entered"), reason, until);

    [Fact]
    public void Shelve_SignedWithReasonAndExpiry_IsShelvedUntilTheExpiry()
    {
        var (shelved, error) = ExcursionLifecycle.Shelve(Raised, Shelving(T0.AddMinutes(1), T0.AddHours(2)), Longest);

        Assert.Null(error);
        Assert.Equal(ExcursionStatus.Shelved, shelved!.Status);
        Assert.Equal(T0.AddHours(2), shelved.Shelving!.Until);
        Assert.Equal("op", shelved.History[^1].By);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(8 * 60 + 2)]
    public void Shelve_ExpiryNotAheadOrBeyondTheLongest_IsRefused(int minutesAhead)
    {
        var (shelved, error) = ExcursionLifecycle.Shelve(Raised, Shelving(T0.AddMinutes(1), T0.AddMinutes(1 + minutesAhead)), Longest);

        Assert.Null(shelved);
        Assert.NotNull(error);
    }

    [Fact]
    public void Shelve_WithoutReason_IsRefused() =>
        Assert.Null(ExcursionLifecycle.Shelve(Raised, Shelving(T0, T0.AddHours(1), " "), Longest).Changed);

    [Fact]
    public void OnTick_ShelvingExpired_ExcursionIsUnacknowledgedAgainBySystem()
    {
        var facility = TrackerFacility.Create();
        var tracker = new ExcursionTracker(facility, T0);
        var (shelved, _) = ExcursionLifecycle.Shelve(Raised, Shelving(T0.AddMinutes(1), T0.AddMinutes(31)), Longest);
        tracker.Restore([], [], [shelved!]);

        var before = tracker.OnTick(T0.AddMinutes(30));
        var outcome = tracker.OnTick(T0.AddMinutes(31));

        Assert.DoesNotContain(before.Excursions, c => c.Action == "unshelved");
        var change = Assert.Single(outcome.Excursions, c => c.Action == "unshelved");
        Assert.Equal(ExcursionStatus.Unacknowledged, change.After.Status);
        Assert.Equal(("unshelved", "system", T0.AddMinutes(31)), (change.After.History[^1].What, change.After.History[^1].By, change.After.History[^1].At));
        Assert.Equal(ExcursionStatus.Unacknowledged, tracker.FindActive(Raised.Id)!.Status);
    }
}
