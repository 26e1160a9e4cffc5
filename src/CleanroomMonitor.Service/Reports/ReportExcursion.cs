using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Reports;

/// <summary>An excursion touching the batch, with what the Authorised Person needs to decide: status, level, rule,
/// signatures and QA's product-impact decision for this batch.</summary>
/// <param name="IsLinked">The excursion record names this batch (else it only happened in one of its rooms during its period).</param>
/// <param name="NeedsDecision">Not closed yet: the batch cannot be cleared.</param>
public sealed record ReportExcursion(
    Guid Id,
    ExcursionKind Kind,
    LimitLevel Level,
    ExcursionStatus Status,
    string Room,
    string? Sensor,
    string? Parameter,
    string Rule,
    double? TriggerValue,
    double? Limit,
    string? LimitsVersion,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    double? PeakValue,
    bool IsLinked,
    bool NeedsDecision,
    ReportSignature? Acknowledgement,
    string? Cause,
    string? AcknowledgementComment,
    string? ImmediateAction,
    ReportSignature? Closure,
    string? Deviation,
    string? Capa,
    string? ClosureComment,
    string? ImpactDecision,
    string? ImpactReason)
{
    /// <summary>Found after a batch it touches had ended (a late reading raised it): it re-opened the batch's review.</summary>
    public bool FoundLate { get; init; }

    /// <summary>Judged from replayed (historical) data, not the live stream.</summary>
    public bool FromHistoricalData { get; init; }

    /// <summary>Who was notified, how and with what outcome, one line per notification, oldest first (the delivery record;
    /// docs/notifications.md).</summary>
    public IReadOnlyList<string> Notifications { get; init; } = [];
}
