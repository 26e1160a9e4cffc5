namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>Where a limit change stands: proposed, then approved (scheduled until its effective instant) and effective,
/// or rejected by QA, or withdrawn by its proposer. Rejected and withdrawn proposals are kept like the rest.</summary>
public enum LimitChangeState
{
    Proposed,
    Approved,
    Effective,
    Rejected,
    Withdrawn,
}
