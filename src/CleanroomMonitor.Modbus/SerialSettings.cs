namespace CleanroomMonitor.Modbus;

/// <summary>A serial line for Modbus RTU: the device path and its framing (defaults: 19200 8N1, the most common
/// setting of cleanroom instruments, docs/instruments.md §1.0).</summary>
public sealed record SerialSettings(string Device, int Baud = 19200, char Parity = 'N', int DataBits = 8, int StopBits = 1)
{
    public override string ToString() => $"{Device} {Baud} {DataBits}{Parity}{StopBits}";
}
