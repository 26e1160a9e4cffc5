namespace CleanroomMonitor.Core.Qualification;

/// <summary>The kit's report files of a run, exactly as uploaded (the HTML's SHA-256 is in <see cref="QualificationRun.ReportSha256"/>).</summary>
public sealed record QualificationReport(string Html, string Csv);
