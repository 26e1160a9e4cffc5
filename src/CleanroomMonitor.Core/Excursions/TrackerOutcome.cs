using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>Everything one input changed: room states, out-of-service periods and excursions, to be recorded (in this
/// order) and then told.</summary>
public sealed class TrackerOutcome
{
    // Made when first asked for: most readings change nothing, and the engine (or a replay) makes an outcome for each.
    private List<RoomStateChange>? _roomStates;
    private List<ExcursionChange>? _excursions;
    private List<OutOfServiceChange>? _outOfService;

    public List<RoomStateChange> RoomStates => _roomStates ??= [];

    public List<ExcursionChange> Excursions => _excursions ??= [];

    /// <summary>Sensors taken out of service or returned to it; recorded before the excursions they returned.</summary>
    public List<OutOfServiceChange> OutOfService => _outOfService ??= [];

    public bool IsEmpty => (_roomStates?.Count ?? 0) == 0 && (_excursions?.Count ?? 0) == 0 && (_outOfService?.Count ?? 0) == 0;
}
