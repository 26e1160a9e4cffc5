namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>How the poller finds new samples. For <see cref="SamplingMode.Records"/>: read block <see cref="Head"/>
/// (with the record count and status), and when the count grew or the NEW DATA bit is set, select a record by writing
/// its 0-based index (or <see cref="LatestIndex"/> for the newest) to <see cref="RecordIndex"/> and read block
/// <see cref="Record"/>. Missed records (count grew by more than one) are read back in order, up to
/// <see cref="MaxBackfill"/>. <see cref="Timestamp"/> names the point with the device's own time (Unix seconds).</summary>
public sealed record SamplingRule(
    SamplingMode Mode,
    string? Head,
    string? Record,
    string? RecordCount,
    string? RecordIndex,
    long LatestIndex,
    BitReference? NewData,
    string? Timestamp,
    int MaxBackfill);
