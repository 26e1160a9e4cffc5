namespace CleanroomMonitor.Simulators.Fleet;

/// <summary>How fleet mode delivers its readings.</summary>
internal enum FleetTransport
{
    /// <summary>Published on each sensor's MQTT topic (QoS 1).</summary>
    Mqtt,

    /// <summary>Served by simulated Modbus TCP devices (Vaisala-style T/RH transmitters) that the service polls.</summary>
    Modbus,
}
