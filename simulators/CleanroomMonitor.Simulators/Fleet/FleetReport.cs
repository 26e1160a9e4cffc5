namespace CleanroomMonitor.Simulators.Fleet;

/// <summary>What fleet mode sent (MQTT: messages published; Modbus: readings presented by the devices, one per sensor
/// interval), printed as JSON so a benchmark can count what arrived.</summary>
internal sealed record FleetReport(
    int Sensors,
    double RequestedRatePerSensor,
    double Seconds,
    long Sent,
    double AchievedPerSecond,
    IReadOnlyDictionary<string, long> PerSensor)
{
    /// <summary>"mqtt" or "modbus".</summary>
    public string Transport { get; init; } = "mqtt";

    /// <summary>Modbus: the TCP servers served (host:port); MQTT: none.</summary>
    public IReadOnlyList<string> Servers { get; init; } = [];
}
