namespace CleanroomMonitor.Core.Facility;

/// <summary>The kind of equipment a sensor monitors, when it is not the room air itself. It tells people (and the
/// simulators) what the readings mean: 37 °C is normal for an incubator and an alarm for a room.</summary>
public enum Equipment
{
    Incubator,
    Freezer,
    Fridge,
    Ln2Storage,
    Other,
}
