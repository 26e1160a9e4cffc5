namespace CleanroomMonitor.Modbus.Records;

/// <summary>A read of a device's buffer from the newest record down to the last stored one, used whenever the index
/// of the stored record cannot be trusted (after a restart or a failed poll, a buffer that was cleared, a full buffer
/// that shifts). Walking down is safe while the buffer shifts: a shift moves records to lower indices, so the walk
/// may meet a record again but never jumps over one. It may span several polls (at most the profile's
/// <c>maxBackfill</c> records each); the records are handed on, oldest first, once it reaches the stored record.</summary>
internal sealed class RecordWalk(long top)
{
    /// <summary>The index the walk started at (the newest record then).</summary>
    public long Top { get; } = top;

    /// <summary>The next index to read.</summary>
    public long Next { get; set; } = top;

    /// <summary>Records newer than the stored one, newest first.</summary>
    public List<RecordRead> Collected { get; } = [];

    /// <summary>A record was met twice: the buffer shifted during the walk, so the newest record may be unread.</summary>
    public bool SawShift { get; set; }
}
