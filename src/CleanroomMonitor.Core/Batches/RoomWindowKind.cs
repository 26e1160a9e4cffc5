namespace CleanroomMonitor.Core.Batches;

public enum RoomWindowKind
{
    /// <summary>An operator declares the room in operation without a batch (setup, media fill, training).</summary>
    Operation,

    /// <summary>A planned non-monitoring window (Annex 1 9.19-9.20: live viral vectors or powders that could harm a
    /// counter): declared with a reason, never a silent gap. Readings are stored but not judged.</summary>
    NonMonitoring,
}
