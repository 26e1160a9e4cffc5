namespace CleanroomMonitor.Core.Ingest;

/// <summary>What a source reports about its connection to instruments, as opposed to their readings.</summary>
public enum SourceEventKind
{
    /// <summary>The device stopped answering (missed polls, closed connection): its sensors have no data.</summary>
    CommunicationLost,

    /// <summary>The device answers again.</summary>
    CommunicationRestored,

    /// <summary>Messages were lost between the device and the service (a Sparkplug <c>seq</c> jumped): a data gap from
    /// <see cref="SourceEvent.Since"/> to <see cref="SourceEvent.At"/>, recorded as already over.</summary>
    DataGap,

    /// <summary>Ingest refused a second reading of one sensor parameter at an instant already stored, with a different
    /// content (<see cref="RejectionReason.ConflictingDuplicate"/>): recorded as a data-integrity excursion, already
    /// over, naming both values in <see cref="SourceEvent.Detail"/>. <see cref="SourceEvent.Parameter"/> is set.</summary>
    DataConflict,
}
