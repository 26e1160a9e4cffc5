namespace CleanroomMonitor.Modbus.Polling;

/// <summary>The validated Modbus configuration: every connection with its devices, each device resolved to its profile
/// and facility sensor. Built only by <see cref="ModbusPlanReader"/>.</summary>
public sealed class ModbusPlan
{
    internal ModbusPlan(string? file, IReadOnlyList<ConnectionPlan> connections)
    {
        File = file;
        Connections = connections;
    }

    /// <summary>No Modbus configuration: the facility has no Modbus sensors.</summary>
    public static ModbusPlan Empty { get; } = new(null, []);

    public string? File { get; }

    public IReadOnlyList<ConnectionPlan> Connections { get; }

    public IEnumerable<DevicePlan> Devices => Connections.SelectMany(c => c.Devices);
}
