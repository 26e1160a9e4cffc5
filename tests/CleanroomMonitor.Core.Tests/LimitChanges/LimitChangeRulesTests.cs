using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Core.Tests.Excursions;
using static CleanroomMonitor.Core.Tests.LimitChanges.LimitChangeFixture;

namespace CleanroomMonitor.Core.Tests.LimitChanges;

public sealed class LimitChangeRulesTests
{
    private readonly FacilityDefinition _facility = TrackerFacility.Create();

    private LimitChangeRefusal? Propose(LimitChange change, LimitChangeActor? actor = null, bool tenants = false) =>
        LimitChangeRules.CheckProposal(change, _facility, actor ?? Qa("qa1"), tenants);

    [Fact]
    public void CheckProposal_FacilityQaWithReason_Allowed() => Assert.Null(Propose(Change()));

    [Fact]
    public void CheckProposal_NotQa_Forbidden() =>
        Assert.Equal(LimitChangeFailure.Forbidden, Propose(Change(), new LimitChangeActor("op", [Role.Operator], null, false))!.Failure);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void CheckProposal_NoReason_Invalid(string reason) => Assert.Equal(LimitChangeFailure.Invalid, Propose(Change(reason: reason))!.Failure);

    [Fact]
    public void CheckProposal_DelayWithoutJustification_RefusedNamingAnnexOne()
    {
        var refusal = Propose(Change(LimitChangeFixture.Narrower with { Delay = TimeSpan.FromSeconds(60) }))!;

        Assert.Equal(LimitChangeFailure.Invalid, refusal.Failure);
        Assert.Contains("4.16", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckProposal_StateDelayJustifiedAtTheGeneralLevel_Allowed() =>
        Assert.Null(Propose(Change(LimitChangeFixture.Narrower with
        {
            Justification = "door openings",
            InOperation = LimitSpec.Empty with { DelaySamples = 3 },
        })));

    [Fact]
    public void CheckProposal_AlertAboveAction_RefusedWithBothValues()
    {
        var refusal = Propose(Change(LimitSpec.Empty with { Alert = new Band(19, 24), Action = new Band(18, 23) }))!;

        Assert.Equal(LimitChangeFailure.Invalid, refusal.Failure);
        Assert.Contains("inside the action band", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckProposal_AlertAboveTheAnnexOneDefaultAction_Refused() =>
        Assert.Equal(LimitChangeFailure.Invalid,
            Propose(Change(LimitSpec.Empty with { Alert = new Band(null, 4_000) }, sensor: "pcb", parameter: Parameter.ParticlesHalfMicron))!.Failure);

    [Fact]
    public void CheckProposal_LowBoundAboveHigh_Invalid() =>
        Assert.Equal(LimitChangeFailure.Invalid, Propose(Change(LimitSpec.Empty with { Action = new Band(25, 18) }))!.Failure);

    [Fact]
    public void CheckProposal_ParticleRuleOnTemperature_Invalid() =>
        Assert.Equal(LimitChangeFailure.Invalid, Propose(Change(LimitChangeFixture.Narrower with { ConsecutiveSamples = 3 }))!.Failure);

    [Fact]
    public void CheckProposal_OccurrencesNAboveM_Invalid() =>
        Assert.Equal(LimitChangeFailure.Invalid,
            Propose(Change(LimitSpec.Empty with { OccurrencesN = 5, OccurrencesM = 3 }, sensor: "pca", parameter: Parameter.ParticlesFiveMicron))!.Failure);

    [Fact]
    public void CheckProposal_UnknownRoom_NotFound() => Assert.Equal(LimitChangeFailure.NotFound, Propose(Change(room: "nowhere"))!.Failure);

    [Fact]
    public void CheckProposal_SensorOfAnotherRoom_NotFound() => Assert.Equal(LimitChangeFailure.NotFound, Propose(Change(sensor: "pcd"))!.Failure);

    [Fact]
    public void CheckProposal_SensorDoesNotMeasureTheParameter_Invalid() => Assert.Equal(LimitChangeFailure.Invalid, Propose(Change(sensor: "pca"))!.Failure);

    [Fact]
    public void CheckProposal_TenantRoomNotLeased_NotFound() =>
        Assert.Equal(LimitChangeFailure.NotFound, Propose(Change(), Qa("t-qa", "helix", leases: false), tenants: true)!.Failure);

    [Fact]
    public void CheckProposal_TenantLeasesRoomButSiteDoesNotAllow_Forbidden() =>
        Assert.Equal(LimitChangeFailure.Forbidden, Propose(Change(), Qa("t-qa", "helix", leases: true), tenants: false)!.Failure);

    [Fact]
    public void CheckProposal_TenantLeasesRoomAndSiteAllows_Allowed() => Assert.Null(Propose(Change(), Qa("t-qa", "helix", leases: true), tenants: true));

    [Fact]
    public void CheckApproval_ByTheProposer_Forbidden() =>
        Assert.Equal(LimitChangeFailure.Forbidden, LimitChangeRules.CheckApproval(new LimitChangeHistory(Change()), Qa("qa1"), false)!.Failure);

    [Fact]
    public void CheckApproval_BySecondQa_Allowed() => Assert.Null(LimitChangeRules.CheckApproval(new LimitChangeHistory(Change()), Qa("qa2"), false));

    [Fact]
    public void CheckApproval_NotQa_Forbidden() =>
        Assert.Equal(LimitChangeFailure.Forbidden,
            LimitChangeRules.CheckApproval(new LimitChangeHistory(Change()), new LimitChangeActor("op", [Role.Operator], null, false), false)!.Failure);

    [Theory]
    [InlineData(LimitChangeRules.Approved)]
    [InlineData(LimitChangeRules.Rejected)]
    [InlineData(LimitChangeRules.Withdrawn)]
    public void CheckApproval_AlreadyDecided_Sequence(string meaning)
    {
        var change = Change();
        var decided = new LimitChangeHistory(change, Decision(change, meaning, T0), []);

        Assert.Equal(LimitChangeFailure.Sequence, LimitChangeRules.CheckApproval(decided, Qa("qa3"), false)!.Failure);
        Assert.Equal(LimitChangeFailure.Sequence, LimitChangeRules.CheckRejection(decided, Qa("qa3"), "no", false)!.Failure);
        Assert.Equal(LimitChangeFailure.Sequence, LimitChangeRules.CheckWithdrawal(decided, Qa("qa1"), "no")!.Failure);
    }

    [Fact]
    public void CheckApproval_TenantQaOfAnotherTenantsRoom_NotFound() =>
        Assert.Equal(LimitChangeFailure.NotFound, LimitChangeRules.CheckApproval(new LimitChangeHistory(Change()), Qa("t-qa", "helix"), true)!.Failure);

    [Fact]
    public void CheckRejection_WithoutReason_Invalid() =>
        Assert.Equal(LimitChangeFailure.Invalid, LimitChangeRules.CheckRejection(new LimitChangeHistory(Change()), Qa("qa2"), " ", false)!.Failure);

    [Fact]
    public void CheckRejection_ByTheProposer_ForbiddenTheProposerWithdraws() =>
        Assert.Equal(LimitChangeFailure.Forbidden, LimitChangeRules.CheckRejection(new LimitChangeHistory(Change()), Qa("qa1"), "second thoughts", false)!.Failure);

    [Fact]
    public void CheckRejection_BySecondQaWithReason_Allowed() =>
        Assert.Null(LimitChangeRules.CheckRejection(new LimitChangeHistory(Change()), Qa("qa2"), "not supported by the trend", false));

    [Fact]
    public void CheckWithdrawal_BySomeoneElse_Forbidden() =>
        Assert.Equal(LimitChangeFailure.Forbidden, LimitChangeRules.CheckWithdrawal(new LimitChangeHistory(Change()), Qa("qa2"), "not mine")!.Failure);

    [Fact]
    public void CheckWithdrawal_ByTheProposerWithReason_Allowed() =>
        Assert.Null(LimitChangeRules.CheckWithdrawal(new LimitChangeHistory(Change()), Qa("qa1"), "wrong room"));

    [Fact]
    public void CheckWithdrawal_WithoutReason_Invalid() =>
        Assert.Equal(LimitChangeFailure.Invalid, LimitChangeRules.CheckWithdrawal(new LimitChangeHistory(Change()), Qa("qa1"), null)!.Failure);

    [Fact]
    public void EffectiveAt_ProposedTimeAlreadyPastAtApproval_ApprovalTimeRecordedAsNow()
    {
        var change = Change(effectiveIn: TimeSpan.FromMinutes(5));

        Assert.Equal((T0 + TimeSpan.FromMinutes(10), true), LimitChangeRules.EffectiveAt(change, T0 + TimeSpan.FromMinutes(10)));
        Assert.Equal((T0 + TimeSpan.FromMinutes(5), false), LimitChangeRules.EffectiveAt(change, T0 + TimeSpan.FromMinutes(1)));
    }
}
