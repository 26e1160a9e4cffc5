using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Notifications;
using static CleanroomMonitor.Core.Tests.Notifications.PlanSamples;

namespace CleanroomMonitor.Core.Tests.Notifications;

public sealed class EscalationPlannerTests
{
    private static readonly string[] NoTenants = [];
    private readonly EscalationPlanner _planner = new(Plan());

    private Escalation StartAction(DateTimeOffset? at = null) =>
        Assert.Single(_planner.Start(Excursion(), NoTenants, [], at ?? Monday10));

    [Fact]
    public void Start_ActionExcursion_StartsTheActionRouteDueAtOnce()
    {
        var escalation = StartAction();

        Assert.Equal("action", escalation.Route);
        Assert.Equal("standard", escalation.Policy);
        Assert.Equal(Monday10, escalation.DueAt);
        Assert.Equal(EscalationState.Running, escalation.State);
    }

    [Fact]
    public void Start_AlertInAnotherRoom_MatchesNoRoute()
    {
        Assert.Empty(_planner.Start(Excursion(LimitLevel.Alert, room: "al1"), NoTenants, [], Monday10));
    }

    [Fact]
    public void Start_RouteAlreadyStarted_IsNotStartedAgain()
    {
        Assert.Empty(_planner.Start(Excursion(), NoTenants, ["action"], Monday10));
    }

    [Fact]
    public void Start_AcknowledgedExcursion_StartsNothing()
    {
        Assert.Empty(_planner.Start(Excursion(status: ExcursionStatus.Acknowledged), NoTenants, [], Monday10));
    }

    [Fact]
    public void Start_ReturnedUnacknowledgedUnderStopOnReturnPolicy_StartsNothing()
    {
        Assert.Empty(_planner.Start(Excursion(LimitLevel.Alert, ExcursionStatus.ReturnedUnacknowledged), NoTenants, [], Monday10));
    }

    [Fact]
    public void Start_SystemExcursion_MatchesTheSystemLevel()
    {
        var system = Excursion(LimitLevel.Alert, kind: ExcursionKind.System);

        Assert.Equal("action", Assert.Single(_planner.Start(system, NoTenants, [], Monday10)).Route);
    }

    [Fact]
    public void Fire_FirstStepOnWeekdayMorning_NotifiesTheDayShiftWithItsChannels()
    {
        var firing = _planner.Fire(StartAction(), NoTenants, Monday10);

        var recipient = Assert.Single(firing.Recipients);
        Assert.Equal("dora", recipient.Contact.Id);
        Assert.Equal(["sms", "email"], recipient.Channels);
        Assert.Equal(1, recipient.Step);
        Assert.Equal("ops", recipient.Via);
        Assert.Equal(1, firing.Next.StepsDone);
        Assert.Equal(Monday10.AddMinutes(10), firing.Next.DueAt);   // the repetition comes before step 2 at 15 min
    }

    [Fact]
    public void Fire_TenantContactForExcursionOutsideTheirTenant_IsRecordedUnreached()
    {
        var firing = _planner.Fire(StartAction(), NoTenants, Monday10);

        var unreached = Assert.Single(firing.Unreached);
        Assert.Equal("tara", unreached.Target);
        Assert.Contains("helix", unreached.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fire_TenantContactForTheirTenantsExcursion_IsNotified()
    {
        var firing = _planner.Fire(StartAction(), ["helix"], Monday10);

        Assert.Equal(["dora", "tara"], firing.Recipients.Select(r => r.Contact.Id));
    }

    [Fact]
    public void Fire_BeforeDue_NotifiesNobody()
    {
        var first = _planner.Fire(StartAction(), NoTenants, Monday10).Next;

        var early = _planner.Fire(first, NoTenants, Monday10.AddMinutes(9));

        Assert.Empty(early.Recipients);
        Assert.Same(first, early.Next);
    }

    [Fact]
    public void Fire_RepeatThenSecondStep_RepeatsLevelOneThenAddsLevelTwo()
    {
        var first = _planner.Fire(StartAction(), NoTenants, Monday10).Next;

        var repeat = _planner.Fire(first, NoTenants, Monday10.AddMinutes(10));
        Assert.Equal("dora", Assert.Single(repeat.Recipients).Contact.Id);
        Assert.Equal(1, repeat.Recipients[0].Repeat);
        Assert.Equal(Monday10.AddMinutes(15), repeat.Next.DueAt);

        var second = _planner.Fire(repeat.Next, NoTenants, Monday10.AddMinutes(15));
        Assert.Equal("quinn", Assert.Single(second.Recipients).Contact.Id);
        Assert.Equal(2, second.Recipients[0].Step);
        Assert.Equal(Monday10.AddMinutes(25), second.Next.DueAt);

        var everyone = _planner.Fire(second.Next, NoTenants, Monday10.AddMinutes(25));
        Assert.Equal(["dora", "quinn"], everyone.Recipients.Select(r => r.Contact.Id));
        Assert.All(everyone.Recipients, r => Assert.Equal(2, r.Repeat));
    }

    [Fact]
    public void Fire_AfterAnHourDown_CatchesUpOnceWithoutAStorm()
    {
        var escalation = StartAction();

        var late = _planner.Fire(escalation, NoTenants, Monday10.AddHours(1));

        Assert.Equal(["dora", "quinn"], late.Recipients.Select(r => r.Contact.Id));
        Assert.Equal(2, late.Next.StepsDone);
        Assert.Equal(0, late.Next.Repeats);
        Assert.Equal(Monday10.AddHours(1).AddMinutes(10), late.Next.DueAt);
    }

    [Fact]
    public void Fire_PolicyWithoutRepetition_StopsAfterItsLastStep()
    {
        var alert = Assert.Single(_planner.Start(Excursion(LimitLevel.Alert), NoTenants, [], Monday10));

        var firing = _planner.Fire(alert, NoTenants, Monday10);

        Assert.Equal("quinn", Assert.Single(firing.Recipients).Contact.Id);
        Assert.Equal(EscalationState.Stopped, firing.Next.State);
        Assert.Null(firing.Next.DueAt);
    }

    [Fact]
    public void Fire_AtNight_NotifiesTheNightShift()
    {
        var night = Monday10.AddHours(12);   // Monday 22:00

        var firing = _planner.Fire(StartAction(night), NoTenants, night);

        Assert.Equal("nick", Assert.Single(firing.Recipients).Contact.Id);
    }

    [Fact]
    public void Fire_OnChristmasEve_NotifiesTheOverride()
    {
        var christmas = new DateTimeOffset(2026, 12, 25, 3, 0, 0, TimeSpan.Zero);

        var firing = _planner.Fire(StartAction(christmas), NoTenants, christmas);

        Assert.Equal("quinn", Assert.Single(firing.Recipients).Contact.Id);
    }

    [Fact]
    public void Fire_PolicyRemovedFromPlan_StopsWithAReason()
    {
        var escalation = StartAction() with { Policy = "gone" };

        var firing = _planner.Fire(escalation, NoTenants, Monday10);

        Assert.Equal(EscalationState.Stopped, firing.Next.State);
        Assert.Contains("gone", firing.Next.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExcursionAction.Acknowledged, "acknowledged by anna")]
    [InlineData(ExcursionAction.Closed, "closed by anna")]
    public void Apply_AcknowledgedOrClosed_Stops(string action, string note)
    {
        var escalation = StartAction();
        var excursion = Excursion(status: ExcursionStatus.Acknowledged);

        var next = _planner.Apply(escalation, new ExcursionChange(excursion, excursion, action, "anna"), Monday10.AddMinutes(3));

        Assert.Equal(EscalationState.Stopped, next.State);
        Assert.Null(next.DueAt);
        Assert.Equal(note, next.Note);
    }

    [Fact]
    public void Apply_ReturnedWhenPolicyKeepsGoing_KeepsRunning()
    {
        var escalation = StartAction();
        var returned = Excursion(status: ExcursionStatus.ReturnedUnacknowledged);

        var next = _planner.Apply(escalation, new ExcursionChange(returned, returned, ExcursionAction.Returned), Monday10.AddMinutes(3));

        Assert.Equal(escalation, next);
    }

    [Fact]
    public void Apply_ReturnedUnderStopOnReturn_Stops()
    {
        var escalation = Assert.Single(_planner.Start(Excursion(LimitLevel.Alert), NoTenants, [], Monday10));
        var returned = Excursion(LimitLevel.Alert, ExcursionStatus.ReturnedUnacknowledged);

        var next = _planner.Apply(escalation, new ExcursionChange(returned, returned, ExcursionAction.Returned), Monday10.AddMinutes(3));

        Assert.Equal(EscalationState.Stopped, next.State);
    }

    [Fact]
    public void Apply_ShelvedThenUnshelved_SuspendsThenIsDueAtOnce()
    {
        var escalation = _planner.Fire(StartAction(), NoTenants, Monday10).Next;
        var shelved = Excursion(status: ExcursionStatus.Shelved);
        var active = Excursion();

        var suspended = _planner.Apply(escalation, new ExcursionChange(active, shelved, ExcursionAction.Shelved, "anna"), Monday10.AddMinutes(1));
        Assert.Equal(EscalationState.Suspended, suspended.State);
        Assert.Empty(_planner.Fire(suspended, NoTenants, Monday10.AddHours(2)).Recipients);

        var resumed = _planner.Apply(suspended, new ExcursionChange(shelved, active, ExcursionAction.Unshelved), Monday10.AddHours(2));
        Assert.Equal(EscalationState.Running, resumed.State);
        Assert.Equal(Monday10.AddHours(2), resumed.DueAt);
        Assert.NotEmpty(_planner.Fire(resumed, NoTenants, Monday10.AddHours(2)).Recipients);
    }

    [Fact]
    public void Apply_StoppedEscalation_StaysStopped()
    {
        var acknowledged = Excursion(status: ExcursionStatus.Acknowledged);
        var stopped = _planner.Apply(StartAction(), new ExcursionChange(acknowledged, acknowledged, ExcursionAction.Acknowledged, "anna"), Monday10);
        var active = Excursion();

        Assert.Same(stopped, _planner.Apply(stopped, new ExcursionChange(active, active, ExcursionAction.Unshelved), Monday10));
    }

    [Fact]
    public void Fire_RosterWithNobodyOnCall_IsRecordedUnreached()
    {
        var plan = Plan(SampleJson.Replace("\"days\": [\"sat\", \"sun\"], \"from\": \"07:00\", \"to\": \"19:00\", \"contacts\": [\"wendy\"]",
            "\"days\": [\"sat\"], \"from\": \"07:00\", \"to\": \"19:00\", \"contacts\": [\"wendy\"]", StringComparison.Ordinal));
        var planner = new EscalationPlanner(plan);
        var sundayNoon = new DateTimeOffset(2026, 12, 13, 12, 0, 0, TimeSpan.Zero);

        var firing = planner.Fire(Assert.Single(planner.Start(Excursion(), NoTenants, [], sundayNoon)), NoTenants, sundayNoon);

        Assert.Contains(firing.Unreached, u => u.Target == "roster:ops" && u.Reason.Contains("nobody is on call", StringComparison.Ordinal));
    }
}
