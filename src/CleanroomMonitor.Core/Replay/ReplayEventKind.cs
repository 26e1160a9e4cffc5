namespace CleanroomMonitor.Core.Replay;

internal enum ReplayEventKind
{
    /// <summary>The engine's clock tick: room states from batches and windows, clean-up, out-of-service expiry.</summary>
    Tick,

    /// <summary>A recorded out-of-service period begins.</summary>
    TakeOut,

    /// <summary>A recorded out-of-service period was ended by a person before its expected end.</summary>
    Return,
}
