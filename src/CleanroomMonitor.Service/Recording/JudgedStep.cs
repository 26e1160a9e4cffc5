using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Service.Recording;

/// <summary>What judging one input produced, handed to the <see cref="Recorder"/>: the tracker's outcome, the record
/// the input came with (a batch, a window), the reason a person gave, and for a reading its receipt time (the alert
/// latency is measured from it).</summary>
public readonly record struct JudgedStep(TrackerOutcome Outcome, string? Reason = null, RecordWrite? Record = null, DateTimeOffset? ReceivedAt = null)
{
    public bool ChangesRecords => !Outcome.IsEmpty || Record is not null;
}
