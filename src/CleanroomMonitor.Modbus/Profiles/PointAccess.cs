namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>Whether the poller may read a point, write it, or both.</summary>
[Flags]
public enum PointAccess
{
    Read = 1,
    Write = 2,
    ReadWrite = Read | Write,
}
