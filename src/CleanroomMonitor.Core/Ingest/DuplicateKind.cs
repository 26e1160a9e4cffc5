namespace CleanroomMonitor.Core.Ingest;

/// <summary>What <see cref="DuplicateGuard.Check"/> found for a reading against the readings of its series (sensor and
/// parameter) already accepted at the same instant. InfluxDB keeps one point per series and millisecond, so a second
/// reading at that instant would silently replace the first (ALCOA+: the original must be kept).</summary>
public enum DuplicateKind
{
    /// <summary>No reading of the series at this instant was accepted before: store and judge it.</summary>
    New,

    /// <summary>The same instant and the same content (value, and for particle channels count and volume, and fault
    /// flags) as a reading already accepted: a harmless repeat (an MQTT redelivery, a re-read record). It is counted
    /// and not passed on again, so it is neither judged twice nor written twice.</summary>
    Repeat,

    /// <summary>The same instant with different content: the first is kept, this one is refused
    /// (<see cref="RejectionReason.ConflictingDuplicate"/>) and recorded as a data-integrity event.</summary>
    Conflict,

    /// <summary>Older than what the in-memory window still remembers for the series, so it cannot be checked: passed on
    /// as new, and counted so the gap in the check is visible (docs/reliability.md).</summary>
    Unchecked,
}
