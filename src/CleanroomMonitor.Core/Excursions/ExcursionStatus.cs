namespace CleanroomMonitor.Core.Excursions;

/// <summary>The life of an excursion, after ISA-18.2 alarm states, plus QA closure.</summary>
public enum ExcursionStatus
{
    /// <summary>Active, nobody has acknowledged it.</summary>
    Unacknowledged,

    /// <summary>Active and acknowledged.</summary>
    Acknowledged,

    /// <summary>Back to normal before anyone acknowledged it.</summary>
    ReturnedUnacknowledged,

    /// <summary>Back to normal and acknowledged: waiting for QA to close it.</summary>
    ReturnedToNormal,

    /// <summary>Closed by QA with a signature. Final.</summary>
    Closed,

    /// <summary>Active but its notifications are suppressed for a while by an operator (with a reason).</summary>
    Shelved,
}
