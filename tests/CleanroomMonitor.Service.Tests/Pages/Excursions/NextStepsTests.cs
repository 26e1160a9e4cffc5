using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Pages.Excursions;

namespace CleanroomMonitor.Service.Tests.Pages.Excursions;

public sealed class NextStepsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly NotificationPlan Plan = new(
        [new Contact("anna", "Anna Operator", "anna@example.test", null, null), new Contact("hugo", "Hugo Helix", "hugo@example.test", null, "helix")],
        [],
        [new EscalationPolicy("standard", [
            new EscalationStep(TimeSpan.Zero, ["anna"], ["email"]),
            new EscalationStep(TimeSpan.FromMinutes(15), ["roster:qa-on-call", "hugo"], ["sms"]),
        ], TimeSpan.FromMinutes(30), StopOnReturn: false)],
        [new Route("suite-1", "standard")],
        "v1");

    private static Excursion Excursion(ExcursionStatus status, params string[] batches) =>
        new(Guid.NewGuid(), ExcursionKind.Particles, LimitLevel.Action, new SensorId("pc1"), new RoomId("cr1"), Parameter.ParticlesHalfMicron, Grade.A,
            RoomState.InOperation, "value ≥ action limit 3520", 4000, 3520, null, null, T0,
            status is ExcursionStatus.ReturnedUnacknowledged or ExcursionStatus.ReturnedToNormal or ExcursionStatus.Closed ? T0.AddMinutes(5) : null,
            4000, T0, status, batches, [], "1");

    private static Signature Signed(string who, string role, int minutes) => new(Guid.NewGuid(), who, "Test " + who, role, "acknowledged", T0.AddMinutes(minutes), "password re-entered");

    [Fact]
    public void For_EveryStatus_SaysWhoActsNow()
    {
        foreach (var status in Enum.GetValues<ExcursionStatus>())
        {
            var next = NextSteps.For(Excursion(status), [], [], [], Plan, null);

            Assert.NotEmpty(next.Now);
        }
    }

    [Fact]
    public void For_ReturnedUnacknowledgedOfATenant_OperatorOfFacilityOrTenantAcknowledgesThenQaCloses()
    {
        var next = NextSteps.For(Excursion(ExcursionStatus.ReturnedUnacknowledged, "B-1"), ["helix"], ["helix"], [], Plan, null);

        Assert.Equal("An operator or QA of the facility or of tenant helix acknowledges it with an electronic signature, an assignable cause and a comment.", next.Now[0]);
        Assert.StartsWith("Then QA closes it with an electronic signature after assessment", next.Now[1], StringComparison.Ordinal);
        Assert.Contains("a product-impact decision for each linked batch (B-1)", next.Now[1], StringComparison.Ordinal);
        Assert.EndsWith("The facility's QA or the QA of tenant helix signs it.", next.Now[1], StringComparison.Ordinal);
        Assert.Equal(["Returned to normal at 2026-12-07 09:05:00 UTC."], next.Done);
    }

    [Fact]
    public void For_BatchesOfTwoTenants_FacilityQaCloses()
    {
        var next = NextSteps.For(Excursion(ExcursionStatus.ReturnedToNormal, "B-1", "C-1"), ["cellco", "helix"], ["cellco", "helix"], [], Plan, null);

        Assert.EndsWith("The facility's QA signs it, as the linked batches belong to more than one tenant.", Assert.Single(next.Now), StringComparison.Ordinal);
    }

    [Fact]
    public void For_AcknowledgedAndClosed_DoneSaysWhoAndWhen()
    {
        var closed = Excursion(ExcursionStatus.Closed) with
        {
            Acknowledgement = new ExcursionAcknowledgement(Signed("op", "Operator", 2), "HVAC or filter", "fan", null),
            Closure = new ExcursionClosure(Signed("qa", "QA", 60), "DEV-1", [], null, "ok"),
        };

        var next = NextSteps.For(closed, [], [], [], Plan, null);

        Assert.Equal("Nothing: the record is closed, and a closed excursion is final.", Assert.Single(next.Now));
        Assert.Contains("Acknowledged by Test op (Operator) at 2026-12-07 09:02:00 UTC.", next.Done);
        Assert.Contains("Closed by Test qa (QA) at 2026-12-07 10:00:00 UTC.", next.Done);
    }

    [Fact]
    public void For_RunningEscalation_NextStepWhenAndWhom()
    {
        var e = Excursion(ExcursionStatus.Unacknowledged);
        var escalation = new Escalation(e.Id, "suite-1", "standard", T0, 1, 0, T0.AddMinutes(15), EscalationState.Running);

        var staff = NextSteps.For(e, [], [], [escalation], Plan, null);
        var tenant = NextSteps.For(e, [], [], [escalation], Plan, "cellco");

        Assert.Equal("Route suite-1: step 1 of 2 notified; if nobody has acknowledged it by 2026-12-07 09:15:00 UTC, step 2 notifies "
            + "whoever is on call in roster qa-on-call, Hugo Helix.", Assert.Single(staff.Escalation));
        Assert.DoesNotContain("Hugo", Assert.Single(tenant.Escalation), StringComparison.Ordinal);   // another tenant's person is not named
        Assert.Contains("one other person", tenant.Escalation[0], StringComparison.Ordinal);
    }

    [Fact]
    public void For_StoppedEscalation_SaysStoppedAndWhy()
    {
        var e = Excursion(ExcursionStatus.Acknowledged);
        var escalation = new Escalation(e.Id, "suite-1", "standard", T0, 2, 1, null, EscalationState.Stopped, "acknowledged");

        Assert.Equal("Route suite-1: step 2 of 2 notified; stopped (acknowledged).", Assert.Single(NextSteps.For(e, [], [], [escalation], Plan, null).Escalation));
    }
}
