namespace CleanroomMonitor.Simulators.Fleet;

/// <summary>What fleet mode sent, printed as JSON so a benchmark can count what arrived.</summary>
internal sealed record FleetReport(
    int Sensors,
    double RequestedRatePerSensor,
    double Seconds,
    long Sent,
    double AchievedPerSecond,
    IReadOnlyDictionary<string, long> PerSensor);
