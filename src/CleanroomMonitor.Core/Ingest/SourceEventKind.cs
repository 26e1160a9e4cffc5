namespace CleanroomMonitor.Core.Ingest;

/// <summary>What a source reports about its connection to instruments, as opposed to their readings.</summary>
public enum SourceEventKind
{
    /// <summary>The device stopped answering (missed polls, closed connection): its sensors have no data.</summary>
    CommunicationLost,

    /// <summary>The device answers again.</summary>
    CommunicationRestored,
}
