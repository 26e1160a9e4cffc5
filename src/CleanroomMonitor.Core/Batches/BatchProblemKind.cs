namespace CleanroomMonitor.Core.Batches;

public enum BatchProblemKind
{
    /// <summary>A missing or malformed field, an unknown room, an impossible time.</summary>
    Invalid,

    /// <summary>No batch with that number.</summary>
    NotFound,

    /// <summary>The number is taken, or the batch is not active.</summary>
    Conflict,
}
