namespace CleanroomMonitor.Core.Facility;

/// <summary>The id of a sensor (one instrument, possibly with several parameters) in the facility definition.</summary>
public readonly record struct SensorId(string Value)
{
    public override string ToString() => Value;
}
