namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>How the poller finds new samples. For <see cref="SamplingMode.Records"/>: read block <see cref="Head"/>
/// (with the record count and status); select each new record by writing its explicit 0-based index to
/// <see cref="RecordIndex"/> and read block <see cref="Record"/>. <see cref="Timestamp"/> names the point with the
/// device's own time (Unix seconds), which is how a record is recognised when the buffer shifts or was cleared.
/// <see cref="MaxBackfill"/> bounds the records read in one poll (a back-fill continues at the next poll).
/// <see cref="LatestIndex"/> is the value the device takes for "the newest record" (Lighthouse −1): the poller never
/// uses it, because the newest record can change between the count and the read; simulators start with it selected.
/// <see cref="BufferSize"/> is how many records the device keeps (when full, the oldest goes and the count stays).</summary>
public sealed record SamplingRule(
    SamplingMode Mode,
    string? Head,
    string? Record,
    string? RecordCount,
    string? RecordIndex,
    long LatestIndex,
    BitReference? NewData,
    string? Timestamp,
    int MaxBackfill,
    int? BufferSize = null);
