namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>What a scenario event does (its <c>type</c> in the file, kebab-case).</summary>
internal enum ScenarioEventType
{
    /// <summary>A MES announces a batch start over MQTT (docs/excursions.md).</summary>
    BatchStart,

    /// <summary>A MES announces a batch end over MQTT.</summary>
    BatchEnd,

    /// <summary>A room door held open: its pressure sensors dip by <c>dropPa</c>; an equipment sensor's door (incubator) lets CO2 and heat out.</summary>
    DoorOpen,

    /// <summary>Extra particles on a counter (or every counter of a room).</summary>
    ParticleBurst,

    /// <summary>A sensor stops publishing (MQTT), or its Modbus unit stops answering the poller; the window runs in real time
    /// because data gaps and communication loss are judged by the service's clock.</summary>
    Silent,

    /// <summary>The instrument flags its samples (<c>faults</c> array of docs/mqtt.md).</summary>
    Fault,

    /// <summary>An HVAC fan stops: every pressure sensor of the room reads <c>pressurePa</c>.</summary>
    FanLoss,

    /// <summary>The device's clock is off by <c>skew</c>: its samples carry shifted timestamps.</summary>
    ClockSkew,

    /// <summary>The device sends broken payloads (<c>payload</c>: truncated, not-finite, negative-count, no-volume, wrong-type).</summary>
    Malformed,

    /// <summary>A parameter held at a value (temperature drift after an HVAC fault, a stuck heater).</summary>
    Set,

    /// <summary>A freezer defrost cycle warming by <c>risePeak</c> °C.</summary>
    Defrost,

    /// <summary>A room window declared through the API (Operator role): <c>kind</c> non-monitoring (Annex 1 9.19-9.20) or
    /// operation, for <c>duration</c>, with a <c>reason</c>. The service applies windows on its own clock, so a window
    /// lies in the scenario's real-time part (<c>realTimeFrom</c>).</summary>
    Window,
}
