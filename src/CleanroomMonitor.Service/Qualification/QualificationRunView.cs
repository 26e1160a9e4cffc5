using CleanroomMonitor.Core.Qualification;

namespace CleanroomMonitor.Service.Qualification;

/// <summary>A stored OQ run with what was signed about it: GET /api/qualification/runs/{runId} and the run page.</summary>
/// <param name="Status">The stage in words, e.g. "executed, awaiting review".</param>
/// <param name="OpenDeviations">Deviations without a disposition.</param>
public sealed record QualificationRunView(QualificationRun Run, QualificationStage Stage, string Status, IReadOnlyList<DeviationView> Deviations,
    int OpenDeviations, IReadOnlyList<QualificationSignature> Signatures, string ReportUrl, string PdfUrl)
{
    public static QualificationRunView Of(QualificationRun run, IReadOnlyList<QualificationSignature> signatures, IReadOnlyList<DeviationDisposition> dispositions)
    {
        ArgumentNullException.ThrowIfNull(run);
        var stage = QualificationRules.StageOf(signatures);
        var deviations = run.Deviations
            .Select(d => new DeviationView(d.Number, d.Kind, d.Requirement, d.Scenario, d.Detail, dispositions.FirstOrDefault(x => x.Number == d.Number)))
            .ToList();
        var open = deviations.Count(d => d.Disposition is null);
        var path = "/api/qualification/runs/" + Uri.EscapeDataString(run.RunId);
        return new(run, stage, StatusOf(run, stage, open), deviations, open, signatures, path + "/report", path + "/pdf");
    }

    private static string StatusOf(QualificationRun run, QualificationStage stage, int open) => stage switch
    {
        QualificationStage.Approved => "approved",
        _ when run.Stopped => "stopped before its end: cannot be approved",
        QualificationStage.Reviewed => open > 0 ? $"reviewed, {open} deviation(s) awaiting disposition" : "reviewed, awaiting approval",
        QualificationStage.Executed => "executed, awaiting review",
        _ => "uploaded, awaiting the executor's signature",
    };
}

/// <summary>A deviation with its disposition (null while open).</summary>
public sealed record DeviationView(string Number, string Kind, string? Requirement, string? Scenario, string Detail, DeviationDisposition? Disposition);
