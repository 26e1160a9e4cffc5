using CleanroomMonitor.Core.Qualification;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Tests.Qualification;

public sealed class QualificationRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Role[] Operator = [Role.Operator];
    private static readonly Role[] Qa = [Role.QA];

    private static readonly QualificationDeviation FailedRow = new("DEV-01", QualificationDeviation.FailedRow, "URS-ALARM-01", "ALARM-DELAY", "expected alarm within 60 s");
    private static readonly QualificationDeviation Event = new("DEV-02", QualificationDeviation.UnexpectedEvent, null, null, "data gap on cd-th");

    private static QualificationRun Run(string id = "run-1", bool passed = true, bool stopped = false, string? retestOf = null,
        IReadOnlyList<string>? scenarios = null, params QualificationDeviation[] deviations) =>
        new(id, "OQ-CRM", "1.2", "Site A", "fac-3", "1.0.0", false, T0, T0.AddHours(1), passed, stopped, 10, passed ? 10 : 9,
            scenarios ?? ["ALARM-DELAY", "DATA-GAP"], retestOf, deviations, new string('a', 64), T0.AddHours(2), "token:kit");

    private static QualificationSignature Signed(string meaning, string user, string role = "QA") =>
        new("run-1", new Signature(Guid.NewGuid(), user, "Printed " + user, role, meaning, T0.AddHours(3), "password re-entered"), null);

    private static DeviationDisposition Disposed(string number) =>
        new("run-1", number, "no re-test: explained", null, Signed(QualificationRules.Dispositioned, "qa1").Signature);

    [Fact]
    public void CheckSignature_ExecutedByOperatorOnNewRun_Allowed()
    {
        Assert.Null(QualificationRules.CheckSignature(Run(), [], [], QualificationRules.Executed, "op", Operator));
        Assert.Equal("Operator", QualificationRules.RoleFor(QualificationRules.Executed, [Role.Operator, Role.QA]));
        Assert.Equal("QA", QualificationRules.RoleFor(QualificationRules.Executed, Qa));
    }

    [Fact]
    public void CheckSignature_ExecutedByViewer_Forbidden()
    {
        var refusal = QualificationRules.CheckSignature(Run(), [], [], QualificationRules.Executed, "v", [Role.Viewer]);

        Assert.Equal(QualificationFailure.Forbidden, refusal?.Failure);
    }

    [Theory]
    [InlineData("reviewed")]
    [InlineData("approved")]
    public void CheckSignature_BeforeThePreviousStage_Sequence(string meaning)
    {
        var refusal = QualificationRules.CheckSignature(Run(), [], [], meaning, "qa1", Qa);

        Assert.Equal(QualificationFailure.Sequence, refusal?.Failure);
        Assert.Contains("before it is signed", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSignature_SameMeaningTwice_Sequence()
    {
        var refusal = QualificationRules.CheckSignature(Run(), [Signed(QualificationRules.Executed, "op", "Operator")], [], QualificationRules.Executed, "op2", Operator);

        Assert.Equal(QualificationFailure.Sequence, refusal?.Failure);
        Assert.Contains("already signed", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSignature_UnknownMeaning_Invalid() =>
        Assert.Equal(QualificationFailure.Invalid, QualificationRules.CheckSignature(Run(), [], [], "looked at it", "qa1", Qa)?.Failure);

    [Fact]
    public void CheckSignature_ReviewedByOperator_Forbidden()
    {
        var refusal = QualificationRules.CheckSignature(Run(), [Signed(QualificationRules.Executed, "op", "Operator")], [], QualificationRules.Reviewed, "op2", Operator);

        Assert.Equal(QualificationFailure.Forbidden, refusal?.Failure);
    }

    [Fact]
    public void CheckSignature_ReviewedByTheExecutor_Forbidden()
    {
        var refusal = QualificationRules.CheckSignature(Run(), [Signed(QualificationRules.Executed, "qa1")], [], QualificationRules.Reviewed, "qa1", Qa);

        Assert.Equal(QualificationFailure.Forbidden, refusal?.Failure);
        Assert.Contains("separation of duties", refusal!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("op")]
    [InlineData("qa1")]
    public void CheckSignature_ApprovedByExecutorOrReviewer_Forbidden(string approver)
    {
        var signatures = new[] { Signed(QualificationRules.Executed, "op", "Operator"), Signed(QualificationRules.Reviewed, "qa1") };

        var refusal = QualificationRules.CheckSignature(Run(), signatures, [], QualificationRules.Approved, approver, [Role.QA, Role.Operator]);

        Assert.Equal(QualificationFailure.Forbidden, refusal?.Failure);
    }

    [Fact]
    public void CheckSignature_ApprovedByAdminOnly_Forbidden()
    {
        var signatures = new[] { Signed(QualificationRules.Executed, "op", "Operator"), Signed(QualificationRules.Reviewed, "qa1") };

        Assert.Equal(QualificationFailure.Forbidden, QualificationRules.CheckSignature(Run(), signatures, [], QualificationRules.Approved, "adm", [Role.Admin])?.Failure);
    }

    [Fact]
    public void CheckSignature_ApprovedByThirdQaOfCleanRun_Allowed()
    {
        var signatures = new[] { Signed(QualificationRules.Executed, "op", "Operator"), Signed(QualificationRules.Reviewed, "qa1") };

        Assert.Null(QualificationRules.CheckSignature(Run(), signatures, [], QualificationRules.Approved, "qa2", Qa));
        Assert.Equal(QualificationStage.Reviewed, QualificationRules.StageOf(signatures));
    }

    private static QualificationRefusal? Approve(QualificationRun run, params DeviationDisposition[] dispositions) =>
        QualificationRules.CheckSignature(run, [Signed(QualificationRules.Executed, "op", "Operator"), Signed(QualificationRules.Reviewed, "qa1")],
            dispositions, QualificationRules.Approved, "qa2", Qa);

    [Fact]
    public void CheckSignature_ApproveWithAnOpenDeviation_SequenceNamingIt()
    {
        var refusal = Approve(Run(passed: false, deviations: [FailedRow, Event]), Disposed("DEV-01"));

        Assert.Equal(QualificationFailure.Sequence, refusal?.Failure);
        Assert.EndsWith("DEV-02", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSignature_ApproveWithEveryDeviationDispositioned_Allowed() =>
        Assert.Null(Approve(Run(passed: false, deviations: [FailedRow, Event]), Disposed("DEV-01"), Disposed("DEV-02")));

    [Fact]
    public void CheckSignature_ApproveStoppedRun_Sequence()
    {
        var refusal = Approve(Run(stopped: true));

        Assert.Equal(QualificationFailure.Sequence, refusal?.Failure);
        Assert.Contains("stopped", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSignature_ApproveFailedRunWithoutDeviations_Sequence()
    {
        var refusal = Approve(Run(passed: false));

        Assert.Equal(QualificationFailure.Sequence, refusal?.Failure);
        Assert.Contains("no deviation", refusal!.Message, StringComparison.Ordinal);
    }

    private static QualificationRefusal? Disposition(QualificationRun run, string number, string? text, QualificationRun? retest = null,
        IReadOnlyCollection<DeviationDisposition>? dispositions = null, IReadOnlyCollection<Role>? roles = null) =>
        QualificationRules.CheckDisposition(run, [], dispositions ?? [], number, text, retest?.RunId, retest, roles ?? Qa);

    [Fact]
    public void CheckDisposition_FailedRowWithPassingRetestCoveringItsScenario_Allowed()
    {
        var run = Run(passed: false, deviations: [FailedRow]);

        Assert.Null(Disposition(run, "DEV-01", "alarm delay fixed in 1.0.1; re-tested", Run("run-2", retestOf: "run-1", scenarios: ["ALARM-DELAY"])));
    }

    [Fact]
    public void CheckDisposition_FailedRowWithoutRetest_InvalidUnlessNoRetestReasonGiven()
    {
        var run = Run(passed: false, deviations: [FailedRow]);

        Assert.Equal(QualificationFailure.Invalid, Disposition(run, "DEV-01", "looks fine")?.Failure);
        Assert.Equal(QualificationFailure.Invalid, Disposition(run, "DEV-01", "no re-test:   ")?.Failure);
        Assert.Null(Disposition(run, "DEV-01", "No re-test: requirement withdrawn by change CC-12"));
    }

    [Fact]
    public void CheckDisposition_UnexpectedEventWithText_Allowed() =>
        Assert.Null(Disposition(Run(passed: false, deviations: [Event]), "DEV-02", "the kit's own silence between scenarios"));

    [Theory]
    [InlineData("run-1", false, false, "ALARM-DELAY", "did not pass")]
    [InlineData("run-1", true, true, "ALARM-DELAY", "did not pass")]
    [InlineData("run-0", true, false, "ALARM-DELAY", "is not a re-test")]
    [InlineData("run-1", true, false, "DATA-GAP", "did not run scenario ALARM-DELAY")]
    public void CheckDisposition_UnfitRetest_InvalidWithReason(string retestOf, bool passed, bool stopped, string scenario, string expected)
    {
        var refusal = Disposition(Run(passed: false, deviations: [FailedRow]), "DEV-01", "re-tested",
            Run("run-2", passed: passed, stopped: stopped, retestOf: retestOf, scenarios: [scenario]));

        Assert.Equal(QualificationFailure.Invalid, refusal?.Failure);
        Assert.Contains(expected, refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckDisposition_RetestNotStored_Invalid()
    {
        var refusal = QualificationRules.CheckDisposition(Run(passed: false, deviations: [FailedRow]), [], [], "DEV-01", "re-tested", "run-9", null, Qa);

        Assert.Equal(QualificationFailure.Invalid, refusal?.Failure);
    }

    [Fact]
    public void CheckDisposition_Second_Sequence() =>
        Assert.Equal(QualificationFailure.Sequence,
            Disposition(Run(passed: false, deviations: [Event]), "DEV-02", "again", dispositions: [Disposed("DEV-02")])?.Failure);

    [Fact]
    public void CheckDisposition_ByOperator_Forbidden() =>
        Assert.Equal(QualificationFailure.Forbidden, Disposition(Run(passed: false, deviations: [Event]), "DEV-02", "fine", roles: Operator)?.Failure);

    [Fact]
    public void CheckDisposition_UnknownNumberOrEmptyText_NotFoundOrInvalid()
    {
        var run = Run(passed: false, deviations: [Event]);

        Assert.Equal(QualificationFailure.NotFound, Disposition(run, "DEV-99", "text")?.Failure);
        Assert.Equal(QualificationFailure.Invalid, Disposition(run, "DEV-02", " ")?.Failure);
        Assert.Equal(QualificationFailure.Invalid, Disposition(run, "DEV-02", new string('x', 2001))?.Failure);
    }

    [Fact]
    public void OpenDeviations_SomeDispositioned_TheOthers() =>
        Assert.Equal(["DEV-02"], QualificationRules.OpenDeviations(Run(deviations: [FailedRow, Event]), [Disposed("DEV-01")]).Select(d => d.Number));
}
