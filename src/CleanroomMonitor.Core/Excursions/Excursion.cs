using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>An excursion record (docs/gmp.md §7): what happened, where, against which limits, for how long, which
/// batches it touches, and its life from raised to closed. Immutable: every change is a new instance, and the record
/// store keeps each change in the audit trail.</summary>
/// <param name="Id">Immutable id.</param>
/// <param name="Sensor">The sensor; null for room-level excursions (clean-up).</param>
/// <param name="Parameter">The parameter judged; null for sensor-level excursions (fault, gap, communication loss).</param>
/// <param name="Grade">The grade of the place sampled.</param>
/// <param name="State">The room state when it started.</param>
/// <param name="Rule">The rule that fired, in words ("value ≥ action limit 29", "3 consecutive ≥5.0 µm samples with counts").</param>
/// <param name="TriggerValue">The value that made it an excursion.</param>
/// <param name="Limit">The limit value breached, when one was.</param>
/// <param name="Limits">The limits in force (a copy, with its version), when the excursion came from limits.</param>
/// <param name="EndedAt">When it returned to normal; null while active.</param>
/// <param name="Batches">Batch numbers active in the room at any time during it; grows while it is open, frozen after.</param>
/// <param name="FacilityVersion">The facility definition version in force.</param>
public sealed record Excursion(
    Guid Id,
    ExcursionKind Kind,
    LimitLevel Level,
    SensorId? Sensor,
    RoomId Room,
    Parameter? Parameter,
    Grade? Grade,
    RoomState State,
    string Rule,
    double? TriggerValue,
    double? Limit,
    string? Limits,
    string? LimitsVersion,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    double? PeakValue,
    DateTimeOffset? PeakAt,
    ExcursionStatus Status,
    IReadOnlyList<string> Batches,
    IReadOnlyList<ExcursionEntry> History,
    string FacilityVersion)
{
    /// <summary>The signed acknowledgement, once acknowledged.</summary>
    public ExcursionAcknowledgement? Acknowledgement { get; init; }

    /// <summary>QA's signed closure, once closed.</summary>
    public ExcursionClosure? Closure { get; init; }

    /// <summary>Found after a batch it touches had ended: judged from a reading that arrived late (late MQTT delivery, a
    /// counter's records read back after an outage) against the limits and room state of its own time. It re-opens that
    /// batch's review: the batch report needs its closure before release.</summary>
    public bool FoundLate { get; init; }

    /// <summary>Judged from historical data: values an edge node buffered while it could not deliver and replayed later
    /// (Sparkplug <c>is_historical</c>), judged by their own rule state, apart from the live stream (docs/sparkplug.md).</summary>
    public bool FromHistoricalData { get; init; }

    /// <summary>Why and by whom it was shelved, while shelved.</summary>
    public string? ShelvedReason { get; init; }

    /// <summary>The signed shelving (who, why, until when); kept after it ends, as the history is.</summary>
    public ExcursionShelving? Shelving { get; init; }

    /// <summary>The bound its value breached when it started, so its peak is the lowest value of a low-side excursion
    /// and the highest of a high-side one; null for excursions not judged from a value (gaps, faults, clean-up).</summary>
    public BreachSide? Side { get; init; }

    public bool IsActive => EndedAt is null;

    public TimeSpan? Duration => EndedAt - StartedAt;
}
