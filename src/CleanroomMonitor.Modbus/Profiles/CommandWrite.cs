namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>One register write of a command (write <see cref="Value"/> to point <see cref="Point"/>), e.g. Lighthouse
/// "instrument start" = 11 to the command register 40002.</summary>
public sealed record CommandWrite(string Point, long Value);
