namespace CleanroomMonitor.Modbus.Polling;

/// <summary>One polled connection, a TCP endpoint (<see cref="Host"/>:<see cref="Port"/>, often a gateway) or a serial
/// line (<see cref="Serial"/>), with the devices on it. One connection = one libmodbus context = one polling thread.</summary>
public sealed record ConnectionPlan(
    string Id,
    string? Host,
    int Port,
    SerialSettings? Serial,
    IReadOnlyList<DevicePlan> Devices,
    TimeSpan ReconnectDelayMin,
    TimeSpan ReconnectDelayMax)
{
    public bool IsTcp => Serial is null;

    public override string ToString() => IsTcp ? $"{Id} (tcp {Host}:{Port})" : $"{Id} (rtu {Serial})";
}
