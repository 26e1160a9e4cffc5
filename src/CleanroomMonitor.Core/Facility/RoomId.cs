namespace CleanroomMonitor.Core.Facility;

/// <summary>The id of a room in the facility definition (lowercase, safe in MQTT topics and InfluxDB tags).</summary>
public readonly record struct RoomId(string Value)
{
    public override string ToString() => Value;
}
