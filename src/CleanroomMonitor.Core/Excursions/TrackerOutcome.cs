using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>Everything one input changed: room states, out-of-service periods and excursions, to be recorded (in this
/// order) and then told.</summary>
public sealed class TrackerOutcome
{
    public List<RoomStateChange> RoomStates { get; } = [];

    public List<ExcursionChange> Excursions { get; } = [];

    /// <summary>Sensors taken out of service or returned to it; recorded before the excursions they returned.</summary>
    public List<OutOfServiceChange> OutOfService { get; } = [];

    public bool IsEmpty => RoomStates.Count == 0 && Excursions.Count == 0 && OutOfService.Count == 0;
}
