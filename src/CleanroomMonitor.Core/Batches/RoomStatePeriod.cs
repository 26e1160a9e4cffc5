using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Batches;

/// <summary>A stretch [From, To) of time in which a room stayed in one state, so one set of limits applied.</summary>
public sealed record RoomStatePeriod(RoomState State, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The room's states over [<paramref name="from"/>, <paramref name="to"/>) from the recorded changes: the
    /// state at <paramref name="from"/> (the last change at or before it, at rest when none), then one period per
    /// change inside the window. The batch report and the trend charts both judge against these periods, so a chart
    /// never draws today's limits over yesterday's readings.</summary>
    public static IReadOnlyList<RoomStatePeriod> Over(RoomId room, IEnumerable<RoomStateChange> changes, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var mine = changes.Where(c => c.Room == room).ToList();
        var timeline = new RoomStateTimeline();
        timeline.Load(mine);
        var state = timeline.StateAt(room, from);
        var periods = new List<RoomStatePeriod>();
        var start = from;
        foreach (var change in mine.Where(c => c.At > from && c.At < to).OrderBy(c => c.At))
        {
            if (change.State == state)
            {
                continue;
            }
            periods.Add(new RoomStatePeriod(state, start, change.At));
            (state, start) = (change.State, change.At);
        }
        periods.Add(new RoomStatePeriod(state, start, to));
        return periods;
    }
}
