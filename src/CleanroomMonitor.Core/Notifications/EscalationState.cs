namespace CleanroomMonitor.Core.Notifications;

/// <summary>Where one route's escalation for one excursion stands.</summary>
public enum EscalationState
{
    /// <summary>Steps or repetitions are still due.</summary>
    Running,

    /// <summary>The excursion is shelved: nothing is sent until it is unshelved (or its shelving expires).</summary>
    Suspended,

    /// <summary>Acknowledged, closed, returned under a stop-on-return policy, or nothing left to send. Final.</summary>
    Stopped,
}
