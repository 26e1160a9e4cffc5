using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>One limit drawn on a time series panel as a labelled, dashed line. <see cref="State"/> is null when the
/// value is the same at rest and in operation; otherwise the line says which state it is for.</summary>
public sealed record LimitLine(string Label, double Value, LimitLevel Level, RoomState? State)
{
    /// <summary>Alert lines orange, action lines red; the in-operation line of a pair is the darker shade.</summary>
    public string Color => (Level, State) switch
    {
        (LimitLevel.Action, RoomState.InOperation) => "dark-red",
        (LimitLevel.Action, _) => "red",
        (_, RoomState.InOperation) => "dark-orange",
        _ => "orange",
    };
}
