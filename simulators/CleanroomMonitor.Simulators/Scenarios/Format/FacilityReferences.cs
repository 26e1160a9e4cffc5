using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Simulators.Scenarios.Format;

/// <summary>Checks that the rooms, sensors and parameters a scenario names exist in the facility it is played on.
/// Without a facility (a dry listing) nothing is checked.</summary>
internal sealed class FacilityReferences(FacilityDefinition? facility)
{
    public void Room(FieldProblems fields, string key, string room)
    {
        if (facility is not null && !facility.TryGetRoom(new RoomId(room), out _))
        {
            fields.Error(key, room, $"a room of facility {facility.Site.Id}");
        }
    }

    /// <param name="parameter">A parameter the event sets on the sensor, which the sensor must measure.</param>
    /// <param name="allowModbus">A Modbus device can only be silenced (its unit stops answering the poller); every
    /// other event is played over MQTT.</param>
    /// <param name="anySource">Expectations look at the service's records, whatever the sensor's source.</param>
    public void Sensor(FieldProblems fields, string key, string sensor, Parameter? parameter, bool allowModbus = false, bool anySource = false)
    {
        if (facility is null)
        {
            return;
        }
        if (!facility.TryGetSensor(new SensorId(sensor), out var s))
        {
            fields.Error(key, sensor, $"a sensor of facility {facility.Site.Id}");
        }
        else if (s.Topic is null && !anySource && !(allowModbus && s.Source == SensorSource.Modbus))
        {
            fields.Error(key, sensor, allowModbus ? "an MQTT or Modbus sensor" : "an MQTT sensor (the scenario runner publishes over MQTT)");
        }
        else if (parameter is { } p && !s.Measures(p))
        {
            fields.Error("parameter", p.WireName(), $"a parameter sensor {sensor} measures ({string.Join(", ", s.Parameters.Select(x => x.WireName()))})");
        }
    }
}
