using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Core.Replay;

/// <summary>Something a replay gives its tracker between readings, at its recorded time.</summary>
internal sealed record ReplayEvent(ReplayEventKind Kind, OutOfServicePeriod? Period = null)
{
    public static ReplayEvent Tick { get; } = new(ReplayEventKind.Tick);
}
