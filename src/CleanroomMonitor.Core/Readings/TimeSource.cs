namespace CleanroomMonitor.Core.Readings;

/// <summary>Where a reading's timestamp came from. A reading sent without a time gets the time the service
/// received it, and is marked so: a report must not present a receive time as the instrument's own.</summary>
public enum TimeSource
{
    Device,
    Receiver,
}
