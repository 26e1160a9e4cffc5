namespace CleanroomMonitor.Service.Ingest;

/// <summary>The waits of one group commit while it lingers for company: until <c>batch</c> readings wait or the first has
/// waited <c>linger</c>. The first look comes after <see cref="FirstLook"/> and each next one twice as late, so a burst
/// reaches the batch within a few looks and a lone reading costs a handful of timer wake-ups, far less than the fsync it
/// shares.</summary>
internal struct GroupCommitWait(TimeSpan linger, int batch)
{
    public static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(2);

    /// <summary>Below a timer's resolution a delay completes at once, so a shorter wait would only spin.</summary>
    private static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(1);

    private TimeSpan _look = FirstLook;

    /// <summary>How long to wait before the next look, or null to commit now.</summary>
    /// <param name="elapsed">Since the group's first reading was seen.</param>
    /// <param name="waiting">Readings waiting to be committed.</param>
    public TimeSpan? Next(TimeSpan elapsed, int waiting)
    {
        var left = linger - elapsed;
        if (waiting >= batch || left < Resolution)
        {
            return null;
        }
        var wait = left < _look ? left : _look;
        _look = _look < linger ? _look * 2 : _look;
        return wait;
    }
}
