using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.ReportIssues;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Tests.ReportIssues;

public sealed class ReportIssueRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Role[] Qa = [Role.QA];
    private static readonly Batch Ended = new("B-1", "CAR-T", "helix-bio", [new RoomId("cr1")], ProcessType.OpenManual, T0, T0.AddHours(8), "op", "op");
    private static readonly Batch Running = Ended with { EndedAt = null, EndedBy = null };

    private static ReportIssueSignature Signed(string meaning, string user, int version = 1) =>
        new("B-1", version, new Signature(Guid.NewGuid(), user, "Printed " + user, "QA", meaning, T0.AddDays(1), "password re-entered"), null);

    private static IssuedReport Issue(int version, string approver = "qa2") => IssuedReport.Of("B-1", version, T0.AddDays(1), [1, 2, 3], approver);

    private static ReportReissue Reissue(int version) =>
        new("B-1", version, "late closure of excursion E-7", new Signature(Guid.NewGuid(), "qa", "Printed qa", "QA", ReportIssueRules.NewVersion, T0.AddDays(2), "password re-entered"));

    private static ReportIssueState State(IReadOnlyCollection<ReportReissue>? reissues = null, IReadOnlyCollection<IssuedReport>? issued = null,
        params ReportIssueSignature[] signatures) => ReportIssueState.Of("B-1", reissues ?? [], signatures, issued ?? []);

    [Fact]
    public void Of_NothingStored_Version1Open()
    {
        var state = State();

        Assert.Equal((1, ReportIssueStage.Open), (state.Version, state.Stage));
        Assert.Null(state.LatestIssued);
    }

    [Fact]
    public void CheckReview_QaOnEndedBatch_Allowed() => Assert.Null(ReportIssueRules.CheckReview(State(), Ended, "qa", Qa));

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Operator)]
    [InlineData(Role.Admin)]
    public void CheckReviewAndApproval_NotQa_Forbidden(Role role)
    {
        Assert.Equal(ReportIssueFailure.Forbidden, ReportIssueRules.CheckReview(State(), Ended, "x", [role])?.Failure);
        Assert.Equal(ReportIssueFailure.Forbidden, ReportIssueRules.CheckApproval(State(null, null, Signed(ReportIssueRules.Reviewed, "qa")), Ended, "x", [role])?.Failure);
        Assert.Equal(ReportIssueFailure.Forbidden,
            ReportIssueRules.CheckReissue(State(null, [Issue(1)], Signed(ReportIssueRules.Reviewed, "qa"), Signed(ReportIssueRules.Approved, "qa2")), Ended, "why", [role])?.Failure);
    }

    [Fact]
    public void CheckReview_BatchStillRunning_SequenceSayingSo()
    {
        var refusal = ReportIssueRules.CheckReview(State(), Running, "qa", Qa);

        Assert.Equal(ReportIssueFailure.Sequence, refusal?.Failure);
        Assert.Contains("still running", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckReview_AlreadyReviewed_SequenceNamingTheReviewer()
    {
        var refusal = ReportIssueRules.CheckReview(State(null, null, Signed(ReportIssueRules.Reviewed, "qa")), Ended, "qa2", Qa);

        Assert.Equal(ReportIssueFailure.Sequence, refusal?.Failure);
        Assert.Contains("Printed qa (qa)", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckApproval_BeforeReview_Sequence()
    {
        var refusal = ReportIssueRules.CheckApproval(State(), Ended, "qa2", Qa);

        Assert.Equal(ReportIssueFailure.Sequence, refusal?.Failure);
        Assert.Contains("before it is reviewed", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckApproval_ByTheReviewer_ForbiddenSeparationOfDuties()
    {
        var refusal = ReportIssueRules.CheckApproval(State(null, null, Signed(ReportIssueRules.Reviewed, "qa")), Ended, "qa", Qa);

        Assert.Equal(ReportIssueFailure.Forbidden, refusal?.Failure);
        Assert.Contains("separation of duties", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckApproval_ReviewedByAnother_AllowedAndStateBecomesIssued()
    {
        var reviewed = State(null, null, Signed(ReportIssueRules.Reviewed, "qa"));

        Assert.Null(ReportIssueRules.CheckApproval(reviewed, Ended, "qa2", Qa));
        var issued = State(null, [Issue(1)], Signed(ReportIssueRules.Reviewed, "qa"), Signed(ReportIssueRules.Approved, "qa2"));
        Assert.Equal((1, ReportIssueStage.Issued, 1), (issued.Version, issued.Stage, issued.LatestIssued?.Version));
    }

    [Fact]
    public void CheckReviewAndApproval_VersionIssued_SequencePointingToANewVersion()
    {
        var issued = State(null, [Issue(1)], Signed(ReportIssueRules.Reviewed, "qa"), Signed(ReportIssueRules.Approved, "qa2"));

        var review = ReportIssueRules.CheckReview(issued, Ended, "qa3", Qa);
        var approval = ReportIssueRules.CheckApproval(issued, Ended, "qa3", Qa);

        Assert.Equal((ReportIssueFailure.Sequence, ReportIssueFailure.Sequence), (review?.Failure, approval?.Failure));
        Assert.Contains("new version with a reason", review!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CheckReissue_NoReason_Invalid(string? reason)
    {
        var issued = State(null, [Issue(1)], Signed(ReportIssueRules.Reviewed, "qa"), Signed(ReportIssueRules.Approved, "qa2"));

        var refusal = ReportIssueRules.CheckReissue(issued, Ended, reason, Qa);

        Assert.Equal(ReportIssueFailure.Invalid, refusal?.Failure);
        Assert.Contains("needs a reason", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckReissue_ReasonTooLong_Invalid()
    {
        var issued = State(null, [Issue(1)], Signed(ReportIssueRules.Reviewed, "qa"), Signed(ReportIssueRules.Approved, "qa2"));

        Assert.Equal(ReportIssueFailure.Invalid, ReportIssueRules.CheckReissue(issued, Ended, new string('r', ReportIssueRules.MaxReasonLength + 1), Qa)?.Failure);
    }

    [Fact]
    public void CheckReissue_VersionNotIssuedYet_Sequence()
    {
        Assert.Equal(ReportIssueFailure.Sequence, ReportIssueRules.CheckReissue(State(), Ended, "a reason", Qa)?.Failure);
        Assert.Equal(ReportIssueFailure.Sequence,
            ReportIssueRules.CheckReissue(State(null, null, Signed(ReportIssueRules.Reviewed, "qa")), Ended, "a reason", Qa)?.Failure);
    }

    [Fact]
    public void Reissue_OfIssuedVersion_OpensVersion2ForANewReviewByAnyoneAndKeepsVersion1Issued()
    {
        var v1Review = Signed(ReportIssueRules.Reviewed, "qa");
        var v1Approval = Signed(ReportIssueRules.Approved, "qa2");
        Assert.Null(ReportIssueRules.CheckReissue(State(null, [Issue(1)], v1Review, v1Approval), Ended, "late closure", Qa));

        var v2 = State([Reissue(2)], [Issue(1)], v1Review, v1Approval);

        Assert.Equal((2, ReportIssueStage.Open, "late closure of excursion E-7"), (v2.Version, v2.Stage, v2.Reissue?.Reason));
        Assert.Equal(1, v2.LatestIssued?.Version);
        Assert.Null(ReportIssueRules.CheckReview(v2, Ended, "qa2", Qa));   // last version's approver may review this one
        var v2Reviewed = State([Reissue(2)], [Issue(1)], v1Review, v1Approval, Signed(ReportIssueRules.Reviewed, "qa2", 2));
        Assert.Equal(ReportIssueStage.Reviewed, v2Reviewed.Stage);
        Assert.Equal(ReportIssueFailure.Forbidden, ReportIssueRules.CheckApproval(v2Reviewed, Ended, "qa2", Qa)?.Failure);
        Assert.Null(ReportIssueRules.CheckApproval(v2Reviewed, Ended, "qa", Qa));
    }

    [Fact]
    public void CheckComment_LongerThanTheLimit_InvalidNotCut()
    {
        Assert.Null(ReportIssueRules.CheckComment(null));
        Assert.Null(ReportIssueRules.CheckComment(new string('c', ReportIssueRules.MaxCommentLength)));
        Assert.Equal(ReportIssueFailure.Invalid, ReportIssueRules.CheckComment(new string('c', ReportIssueRules.MaxCommentLength + 1))?.Failure);
    }

    [Fact]
    public void IssuedReportOf_Bytes_HashIsLowerHexSha256AndLength()
    {
        var issue = IssuedReport.Of("B-1", 1, T0, "abc"u8, "qa2");

        Assert.Equal(("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 3L), (issue.Sha256, issue.Length));
    }
}
