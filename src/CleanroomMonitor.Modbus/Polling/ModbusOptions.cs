namespace CleanroomMonitor.Modbus.Polling;

/// <summary>Options of the Modbus source (section <c>Modbus</c>). Connections and devices live in their own file,
/// validated against the facility at start-up.</summary>
public sealed class ModbusOptions
{
    public const string SectionName = "Modbus";

    /// <summary>The Modbus connection file (connections, devices, which sensor each feeds); relative paths are relative
    /// to the working directory.</summary>
    /// <value>Default: none. Required when the facility has sensors with <c>"source": "modbus"</c>.</value>
    public string? File { get; set; }

    /// <summary>Where the last stored record of each record device (particle counter) is kept, so that after a restart
    /// the records the counters completed meanwhile are read back from their buffers. Relative paths are relative to
    /// the working directory.</summary>
    /// <value>Default: <c>modbus-cursors.json</c> in the durable buffer's folder (<c>Buffer:Path</c>) when the service
    /// runs; none (memory only) when the Modbus source is used on its own.</value>
    public string? CursorFile { get; set; }
}
