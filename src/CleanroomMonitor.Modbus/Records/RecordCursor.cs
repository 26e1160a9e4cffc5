namespace CleanroomMonitor.Modbus.Records;

/// <summary>Where a record device's buffer was read up to: the 0-based index the record had when it was read, and the
/// device's own timestamp of it. The timestamp is what identifies a record; the index is only a hint, because a full
/// buffer shifts (every index then shows the next newer record) and a cleared one starts again at 0.</summary>
public readonly record struct RecordCursor(long Index, DateTimeOffset? Time)
{
    /// <summary>True when <paramref name="other"/> is a later record than this one: by time when both have one (a
    /// device clock), by index otherwise.</summary>
    public bool IsBefore(RecordCursor other) =>
        Time is { } mine && other.Time is { } theirs ? mine < theirs : Index < other.Index;
}
