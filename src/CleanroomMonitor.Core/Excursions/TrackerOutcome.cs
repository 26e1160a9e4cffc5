using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>Everything one input changed: excursions and room states, to be recorded (in this order) and then told.</summary>
public sealed class TrackerOutcome
{
    public List<RoomStateChange> RoomStates { get; } = [];

    public List<ExcursionChange> Excursions { get; } = [];

    public bool IsEmpty => RoomStates.Count == 0 && Excursions.Count == 0;
}
