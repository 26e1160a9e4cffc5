using System.ComponentModel;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Replay;

// A proposed change of limits as written in a request: per room or sensor, per parameter, the limits block as the
// facility file writes it, naming only what changes.
internal sealed class ProposedLimitsFile
{
    [Description("Room id → parameter name → the room's limits to change, as the facility file writes them.")]
    public Dictionary<string, Dictionary<string, LimitSpecFile?>?>? Rooms { get; set; }

    [Description("Sensor id → parameter name → the sensor's limits to change, as the facility file writes them.")]
    public Dictionary<string, Dictionary<string, LimitSpecFile?>?>? Sensors { get; set; }
}
