using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Tests.Excursions;
using static CleanroomMonitor.Core.Tests.LimitChanges.LimitChangeFixture;

namespace CleanroomMonitor.Core.Tests.LimitChanges;

public sealed class LimitScheduleTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly FacilityDefinition _facility = TrackerFacility.Create();

    private static Band AlertOf(FacilityDefinition facility) =>
        new LimitBook(facility).Resolve(facility.Sensors.Single(s => s.Id.Value == "th"), Parameter.Temperature, RoomState.AtRest)!.Alert;

    [Fact]
    public void StateAt_LifeOfAnApprovedChange_ProposedApprovedEffective()
    {
        var change = Change(effectiveIn: Hour);
        Assert.Equal(LimitChangeState.Proposed, new LimitChangeHistory(change).StateAt(T0 + 2 * Hour));

        var approved = Approved(change, T0 + TimeSpan.FromMinutes(10));
        Assert.Equal(LimitChangeState.Approved, approved.StateAt(T0 + TimeSpan.FromMinutes(59)));
        Assert.Equal(LimitChangeState.Effective, approved.StateAt(T0 + Hour));
    }

    [Theory]
    [InlineData(LimitChangeRules.Rejected, LimitChangeState.Rejected)]
    [InlineData(LimitChangeRules.Withdrawn, LimitChangeState.Withdrawn)]
    public void StateAt_RejectedOrWithdrawn_StaysSoAndNeverInForce(string meaning, LimitChangeState state)
    {
        var change = Change(effectiveIn: Hour);
        var decided = new LimitChangeHistory(change, Decision(change, meaning, T0), []);

        Assert.Equal(state, decided.StateAt(T0 + 2 * Hour));
        Assert.Equal(new Band(19, 23), AlertOf(LimitSchedule.InForce(_facility, [decided], T0 + 2 * Hour)));
        Assert.Null(LimitSchedule.NextSwitch([decided], T0));
    }

    [Fact]
    public void InForce_BeforeAndAfterTheEffectiveInstant_OldThenNew()
    {
        var approved = Approved(Change(effectiveIn: Hour), T0);

        Assert.Equal(new Band(19, 23), AlertOf(LimitSchedule.InForce(_facility, [approved], T0 + Hour - TimeSpan.FromTicks(1))));
        Assert.Equal(new Band(19, 22), AlertOf(LimitSchedule.InForce(_facility, [approved], T0 + Hour)));
        Assert.Equal(T0 + Hour, LimitSchedule.NextSwitch([approved], T0));
        Assert.Null(LimitSchedule.NextSwitch([approved], T0 + Hour));
    }

    [Fact]
    public void InForce_TwoChangesOfOneLevel_AppliedInEffectiveOrder()
    {
        var later = Approved(Change(LimitSpec.Empty with { Alert = new Band(20, 21), Action = new Band(18, 23) }, effectiveIn: 2 * Hour), T0);
        var earlier = Approved(Change(effectiveIn: Hour), T0 + TimeSpan.FromMinutes(1));

        Assert.Equal(new Band(20, 21), AlertOf(LimitSchedule.InForce(_facility, [later, earlier], T0 + 3 * Hour)));
        Assert.Equal(new Band(19, 22), AlertOf(LimitSchedule.Before(_facility, [later, earlier], later)));
    }
}
