using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Core.Records;

/// <summary>One change for <see cref="IRecordStore.SaveAllAsync"/>, with its audit entry: what one step of the excursion
/// engine changed is committed in a single transaction, so its records land together or not at all, and the engine pays
/// one fsync for all of them instead of one per change (a second commit in front of an alert was the alert latency's tail).</summary>
public abstract record RecordWrite
{
    private RecordWrite()
    {
    }

    /// <summary>As <see cref="IRecordStore.SaveExcursionAsync"/>.</summary>
    public sealed record ExcursionSaved(Excursion Excursion, AuditEntry Audit) : RecordWrite;

    /// <summary>As <see cref="IRecordStore.SaveBatchAsync"/>.</summary>
    public sealed record BatchSaved(Batch Batch, AuditEntry Audit) : RecordWrite;

    /// <summary>As <see cref="IRecordStore.AddRoomStateChangeAsync"/>.</summary>
    public sealed record RoomStateAdded(RoomStateChange Change, AuditEntry Audit) : RecordWrite;

    /// <summary>As <see cref="IRecordStore.SaveOutOfServiceAsync"/>.</summary>
    public sealed record OutOfServiceSaved(OutOfServicePeriod Period, AuditEntry Audit) : RecordWrite;

    /// <summary>As <see cref="IRecordStore.SaveRoomWindowAsync"/>.</summary>
    public sealed record RoomWindowSaved(RoomWindow Window, AuditEntry Audit) : RecordWrite;

    /// <summary>QA's signed review of breach runs of a batch (written once; audited under the batch).</summary>
    public sealed record BreachReviewSaved(BreachReview Review, AuditEntry Audit) : RecordWrite;

    /// <summary>As <see cref="IRecordStore.AppendAuditAsync"/>.</summary>
    public sealed record AuditAppended(AuditEntry Audit) : RecordWrite;
}
