namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>A contiguous range of registers read in one request (at most 125), so a record is read consistently
/// in one transaction instead of point by point.</summary>
public sealed record ReadBlock(string Name, RegisterTable Table, int Address, int Count)
{
    public bool Contains(ProfilePoint point) => point.Table == Table && point.Address >= Address && point.Address + point.Width <= Address + Count;
}
