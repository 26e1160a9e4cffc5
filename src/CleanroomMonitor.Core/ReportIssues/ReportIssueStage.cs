namespace CleanroomMonitor.Core.ReportIssues;

/// <summary>How far the current version of a batch report has come: each stage needs the one before (open → reviewed → issued).</summary>
public enum ReportIssueStage
{
    /// <summary>Not yet reviewed: the report is a draft, re-rendered from the records on every request.</summary>
    Open,

    /// <summary>Reviewed by QA, awaiting a second QA person's approval.</summary>
    Reviewed,

    /// <summary>Approved: the PDF is frozen in the record store with its SHA-256.</summary>
    Issued,
}
