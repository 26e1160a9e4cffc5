using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Limits;

/// <summary>The limits in force for one sensor parameter over [From, To): those of the room state of that time, or
/// null where nothing is judged (no limit set, or a declared non-monitoring window).</summary>
public sealed record LimitPeriod(RoomState State, DateTimeOffset From, DateTimeOffset To, LimitSet? Limits)
{
    /// <summary>The limits in force over each of the room's state periods (<see cref="RoomStatePeriod.Over"/>), in order.</summary>
    public static IReadOnlyList<LimitPeriod> Over(LimitBook book, Sensor sensor, Parameter parameter, IEnumerable<RoomStatePeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(periods);
        return periods.Select(p => new LimitPeriod(p.State, p.From, p.To, book.Resolve(sensor, parameter, p.State))).ToList();
    }
}
