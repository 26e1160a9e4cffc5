namespace CleanroomMonitor.Modbus.Polling;

// The connection file as written, before validation (strings and nullables so errors can quote the bad value).
internal sealed class ModbusFile
{
    public string? Profiles { get; set; }

    public ModbusDefaultsFile? Defaults { get; set; }

    public List<ConnectionFile?>? Connections { get; set; }
}

internal sealed class ModbusDefaultsFile
{
    public string? PollInterval { get; set; }

    public string? ResponseTimeout { get; set; }

    public int? MissedPollsBeforeLoss { get; set; }

    public string? ReconnectDelayMin { get; set; }

    public string? ReconnectDelayMax { get; set; }
}

internal sealed class ConnectionFile
{
    public string? Id { get; set; }

    public TcpFile? Tcp { get; set; }

    public RtuFile? Rtu { get; set; }

    public string? ReconnectDelayMin { get; set; }

    public string? ReconnectDelayMax { get; set; }

    public List<DeviceFile?>? Devices { get; set; }
}

internal sealed class TcpFile
{
    public string? Host { get; set; }

    public int? Port { get; set; }
}

internal sealed class RtuFile
{
    public string? Device { get; set; }

    public int? Baud { get; set; }

    public string? Parity { get; set; }

    public int? DataBits { get; set; }

    public int? StopBits { get; set; }
}

internal sealed class DeviceFile
{
    public string? Name { get; set; }

    public int? UnitId { get; set; }

    public string? Profile { get; set; }

    public string? Sensor { get; set; }

    public string? PollInterval { get; set; }

    public string? ResponseTimeout { get; set; }

    public int? MissedPollsBeforeLoss { get; set; }
}
