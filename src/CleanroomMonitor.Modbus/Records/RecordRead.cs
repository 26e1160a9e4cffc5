using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Records;

/// <summary>One record as read from a device: the index it was selected by, its own timestamp, and the registers
/// (the head block read in the same poll and the record block) that decode into a sample.</summary>
internal sealed record RecordRead(long Index, DateTimeOffset? Time, RegisterSnapshot Registers)
{
    public RecordCursor Cursor => new(Index, Time);
}
