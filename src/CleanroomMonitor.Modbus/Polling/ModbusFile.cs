using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CleanroomMonitor.Core.Configuration;

namespace CleanroomMonitor.Modbus.Polling;

// The connection file as written, before validation (strings and nullables so errors can quote the bad value).
// A default lives here as the property's initializer and nowhere else: the validator falls back to it and the JSON
// Schema shows it (ConfigSchema reads initializers).
[Description("The Modbus connection file: which gateways and serial lines to open, and which device on each feeds which facility sensor.")]
internal sealed class ModbusFile
{
    [JsonPropertyName("$schema")]
    [Description("The JSON Schema this file follows, for editors; the reader ignores it.")]
    public string? Schema { get; set; }

    [Description("The folder of device profiles, relative to this file.")]
    public string Profiles { get; set; } = "profiles";

    [Description("Timing used by every device that does not set its own.")]
    public ModbusDefaultsFile Defaults { get; set; } = new();

    [Description("The Modbus TCP gateways and RTU serial lines, each with the devices behind it.")]
    public List<ConnectionFile?>? Connections { get; set; }
}

internal sealed class ModbusDefaultsFile
{
    [Description("How often a device is polled: a duration from 100ms to 1h, such as \"1s\".")]
    public string PollInterval { get; set; } = "1s";

    [Description("How long to wait for a device's answer: a duration from 10ms to 30s, shorter than the poll interval.")]
    public string ResponseTimeout { get; set; } = "500ms";

    [Description("Polls without an answer (1-1000) before the device is reported lost.")]
    public int MissedPollsBeforeLoss { get; set; } = 3;

    [Description("First wait before reconnecting a lost connection (10ms to 10m); doubles up to reconnectDelayMax.")]
    public string ReconnectDelayMin { get; set; } = "500ms";

    [Description("Longest wait between reconnection attempts (10ms to 1h).")]
    public string ReconnectDelayMax { get; set; } = "30s";
}

internal sealed class ConnectionFile
{
    /// <summary>Connection ids name the connection in logs, health and metrics.</summary>
    public const string IdPattern = "^[a-z0-9][a-z0-9_.-]{0,62}$";

    [RegularExpression(IdPattern)]
    [Description("The connection's id: lowercase letters, digits, '.', '-' or '_'.")]
    public string? Id { get; set; }

    [Description("A Modbus TCP gateway or device. Give exactly one of tcp and rtu.")]
    public TcpFile? Tcp { get; set; }

    [Description("A Modbus RTU serial line. Give exactly one of tcp and rtu.")]
    public RtuFile? Rtu { get; set; }

    [Description("Overrides defaults.reconnectDelayMin for this connection.")]
    public string? ReconnectDelayMin { get; set; }

    [Description("Overrides defaults.reconnectDelayMax for this connection.")]
    public string? ReconnectDelayMax { get; set; }

    [Description("The devices (unit ids) reached through this connection.")]
    public List<DeviceFile?>? Devices { get; set; }
}

internal sealed class TcpFile
{
    [Description("Host name or IP address of the gateway.")]
    public string? Host { get; set; }

    /// <summary>The port IANA registered for Modbus TCP.</summary>
    public const int ModbusPort = 502;

    [Description("TCP port 1-65535.")]
    public int Port { get; set; } = ModbusPort;
}

internal sealed class RtuFile
{
    public static IReadOnlyList<int> Bauds { get; } = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

    public static IReadOnlyList<string> Parities { get; } = ["N", "E", "O"];

    public static IReadOnlyList<int> DataBitsAllowed { get; } = [7, 8];

    public static IReadOnlyList<int> StopBitsAllowed { get; } = [1, 2];

    [Description("Absolute path of the serial device, such as /dev/ttyUSB0.")]
    public string? Device { get; set; }

    [Description("Line speed in bit/s: 1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200.")]
    [OneOf(typeof(RtuFile), nameof(Bauds))]
    public int Baud { get; set; } = 19200;

    [Description("Parity: N (none), E (even) or O (odd).")]
    [OneOf(typeof(RtuFile), nameof(Parities))]
    public string Parity { get; set; } = "N";

    [Description("Data bits per character: 7 or 8.")]
    [OneOf(typeof(RtuFile), nameof(DataBitsAllowed))]
    public int DataBits { get; set; } = 8;

    [Description("Stop bits: 1 or 2.")]
    [OneOf(typeof(RtuFile), nameof(StopBitsAllowed))]
    public int StopBits { get; set; } = 1;
}

internal sealed class DeviceFile
{
    [Description("A name for logs and health; default: <connection id>/<unit id>.")]
    public string? Name { get; set; }

    [Description("The Modbus unit id: 0-255 over TCP, an RTU slave address 1-247 on a serial line.")]
    public int? UnitId { get; set; }

    [Description("The id of a device profile in the profiles folder (its file name without .json).")]
    public string? Profile { get; set; }

    [Description("The id of the facility sensor this device feeds; it must have \"source\": \"modbus\".")]
    public string? Sensor { get; set; }

    [Description("Overrides defaults.pollInterval for this device.")]
    public string? PollInterval { get; set; }

    [Description("Overrides defaults.responseTimeout for this device.")]
    public string? ResponseTimeout { get; set; }

    [Description("Overrides defaults.missedPollsBeforeLoss for this device.")]
    public int? MissedPollsBeforeLoss { get; set; }
}
