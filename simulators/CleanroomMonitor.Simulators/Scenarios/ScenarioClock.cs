namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>Maps scenario time to the wall clock and to the timestamps the simulated devices write.</summary>
/// <remarks>
/// At a time factor above 1 the scenario's readings would soon carry timestamps in the service's future, which it refuses
/// (Ingest:MaxFutureSkew). So timestamps run in the past and catch up: the last sample of the run is stamped with the wall
/// clock at the end, and every earlier one lies before its own wall time. The service judges delays and room states by
/// these timestamps, so reading-time rules hold at any speed. Windows given as real time (a sensor going silent: data
/// gaps are judged by the service's own clock) are played at 1×.
/// </remarks>
internal sealed class ScenarioClock
{
    private readonly IReadOnlyList<(TimeSpan From, TimeSpan To)> _realTime;
    private readonly double _speed;
    private readonly TimeSpan _offset;

    /// <param name="duration">The scenario's length.</param>
    /// <param name="speed">The time factor; <see cref="double.PositiveInfinity"/> plays as fast as possible.</param>
    /// <param name="realTime">Scenario-time windows played at 1×.</param>
    /// <param name="wallStart">The wall clock when the scenario starts.</param>
    /// <param name="stampStart">The timestamp of scenario time 0 (default: so the last sample is stamped with the wall clock
    /// at the end). A run of several scenarios gives each its slice of one timeline, so every sensor's timestamps keep rising.</param>
    public ScenarioClock(TimeSpan duration, double speed, IEnumerable<(TimeSpan From, TimeSpan To)> realTime, DateTimeOffset wallStart,
        DateTimeOffset? stampStart = null)
    {
        if (!(speed >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The time factor must be 1 or more.");
        }
        _speed = speed;
        _realTime = Merge(realTime);
        Duration = duration;
        WallStart = wallStart;
        _offset = stampStart is { } stamp ? wallStart - stamp : duration - WallElapsed(duration);
    }

    /// <summary>How far device time runs ahead of the wall clock over a scenario: the offset its timestamps need.</summary>
    public static TimeSpan Gain(TimeSpan duration, double speed, IEnumerable<(TimeSpan From, TimeSpan To)> realTime) =>
        duration - new ScenarioClock(duration, speed, realTime, DateTimeOffset.UnixEpoch).WallElapsed(duration);

    public TimeSpan Duration { get; }

    public DateTimeOffset WallStart { get; }

    /// <summary>How far the first timestamps lie behind the wall clock.</summary>
    public TimeSpan Offset => _offset;

    /// <summary>Wall time spent from the start until scenario time <paramref name="at"/>.</summary>
    public TimeSpan WallElapsed(TimeSpan at)
    {
        var real = _realTime.Sum(w => Overlap(w.From, w.To, TimeSpan.Zero, at).Ticks);
        var fast = at.Ticks - real;
        return TimeSpan.FromTicks(real + (double.IsPositiveInfinity(_speed) ? 0 : (long)(fast / _speed)));
    }

    /// <summary>When (wall clock) scenario time <paramref name="at"/> is due.</summary>
    public DateTimeOffset WallAt(TimeSpan at) => WallStart + WallElapsed(at);

    /// <summary>The timestamp a device writes at scenario time <paramref name="at"/>: never after <see cref="WallAt"/>.</summary>
    /// <remarks>Whole milliseconds, as the payload carries them, so what was sent can be compared with what the service shows.</remarks>
    public DateTimeOffset Stamp(TimeSpan at)
    {
        var stamp = WallStart - _offset + at;
        return stamp.AddTicks(-(stamp.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private static long TicksOf(TimeSpan t) => t.Ticks;

    private static TimeSpan Overlap(TimeSpan a0, TimeSpan a1, TimeSpan b0, TimeSpan b1)
    {
        var from = a0 > b0 ? a0 : b0;
        var to = a1 < b1 ? a1 : b1;
        return to > from ? to - from : TimeSpan.Zero;
    }

    private static List<(TimeSpan From, TimeSpan To)> Merge(IEnumerable<(TimeSpan From, TimeSpan To)> windows)
    {
        var merged = new List<(TimeSpan From, TimeSpan To)>();
        foreach (var w in windows.Where(w => w.To > w.From).OrderBy(w => w.From))
        {
            if (merged.Count > 0 && w.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, TicksOf(w.To) > TicksOf(merged[^1].To) ? w.To : merged[^1].To);
            }
            else
            {
                merged.Add(w);
            }
        }
        return merged;
    }
}
