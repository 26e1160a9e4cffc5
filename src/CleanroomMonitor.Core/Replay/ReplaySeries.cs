using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Replay;

/// <summary>One row of the side-by-side comparison: a sensor parameter under the current and the proposed limits.</summary>
public sealed record ReplaySeries(SensorId Sensor, Parameter Parameter, ReplayTally Current, ReplayTally Proposed)
{
    public bool Differs => Current != Proposed;
}
