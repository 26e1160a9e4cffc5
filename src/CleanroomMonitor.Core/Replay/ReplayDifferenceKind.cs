namespace CleanroomMonitor.Core.Replay;

/// <summary>How an excursion of one setting differs from the other's excursion of the same sensor parameter and start.</summary>
public enum ReplayDifferenceKind
{
    /// <summary>Raised under the current limits only: the proposal would not have raised it.</summary>
    OnlyCurrent,

    /// <summary>Raised under the proposed limits only.</summary>
    OnlyProposed,

    /// <summary>Raised under both from the same instant, but reaching another level.</summary>
    LevelChanged,

    /// <summary>Raised under both from the same instant at the same level, but returning at another time.</summary>
    EndChanged,
}
