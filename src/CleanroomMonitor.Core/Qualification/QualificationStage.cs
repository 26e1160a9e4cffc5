namespace CleanroomMonitor.Core.Qualification;

/// <summary>How far an OQ run has been signed: each stage needs the one before (executed → reviewed → approved).</summary>
public enum QualificationStage
{
    Uploaded,
    Executed,
    Reviewed,
    Approved,
}
