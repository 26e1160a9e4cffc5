namespace CleanroomMonitor.Core.Limits;

/// <summary>The state of a room, which decides which limits apply (Annex 1 4.29, Table 5).</summary>
public enum RoomState
{
    /// <summary>HVAC running, equipment installed, nobody working.</summary>
    AtRest,

    /// <summary>A batch is active in the room, or an operator declared an operation window.</summary>
    InOperation,

    /// <summary>Operations have ended; the room must meet its at-rest limits within the clean-up period (Table 5 note 1).
    /// In-operation limits apply until it does.</summary>
    CleanUp,

    /// <summary>A declared, documented non-monitoring window (9.19-9.20): readings are stored, not judged.</summary>
    NotMonitored,
}
