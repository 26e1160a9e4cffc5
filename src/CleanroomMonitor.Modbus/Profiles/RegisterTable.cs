namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>The Modbus register table a point lives in: holding registers (FC03 read, FC06/16 write; "4xxxx") or
/// input registers (FC04 read only; "3xxxx").</summary>
public enum RegisterTable
{
    Holding,
    Input,
}
