namespace CleanroomMonitor.Service.Ingest;

/// <summary>The waits of one group commit while it lingers for company: until <c>batch</c> readings wait or the first has
/// waited <c>linger</c>. A quiet stream (the last group did not fill a batch) waits the whole linger at once: one timer
/// wake-up per commit at a site's tens of readings a second. A busy stream (the last group filled one) looks first after
/// <see cref="FirstLook"/> and each next time twice as late, so a batch commits soon after it is full and the MQTT
/// in-flight window never waits long for the acknowledgements that reopen it.</summary>
internal struct GroupCommitWait(TimeSpan linger, int batch, bool busy)
{
    public static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(2);

    /// <summary>Below a timer's resolution a delay completes at once, so a shorter wait would only spin.</summary>
    private static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(1);

    private TimeSpan _look = busy ? FirstLook : linger;

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
