using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Server;

/// <summary>A client request a unit has just answered: read or write, which table, which registers.</summary>
public sealed record RegisterAccess(bool IsWrite, RegisterTable Table, int Address, int Count)
{
    public bool Touches(int address) => address >= Address && address < Address + Count;
}
