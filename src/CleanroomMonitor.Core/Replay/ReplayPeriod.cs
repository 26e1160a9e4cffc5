using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Replay;

/// <summary>What the record store held for a room's period, besides the readings: the inputs the excursion engine
/// restores at start-up (batches, room-state changes, declared windows, out-of-service periods). A replay judges the
/// period's readings against them exactly as the engine judged them live.</summary>
/// <param name="Room">The room replayed: only its sensors' readings are judged and compared.</param>
/// <param name="From">The period's start (inclusive): the replay starts here with fresh rule state.</param>
/// <param name="To">The period's end (exclusive): an excursion still open here counts its minutes up to it.</param>
/// <param name="Batches">Every batch known (a batch that started before <paramref name="From"/> still holds the room in operation).</param>
/// <param name="RoomStates">Recorded room-state changes; those up to <paramref name="From"/> give the state the period starts
/// in, and the replay's own tracker makes the later ones from the batches, windows and clean-up rule.</param>
/// <param name="Windows">Declared operation and non-monitoring windows, ended ones included.</param>
/// <param name="OutOfService">Out-of-service periods of the room's sensors.</param>
public sealed record ReplayPeriod(
    RoomId Room,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<Batch> Batches,
    IReadOnlyList<RoomStateChange> RoomStates,
    IReadOnlyList<RoomWindow> Windows,
    IReadOnlyList<OutOfServicePeriod> OutOfService)
{
    /// <summary>A period with nothing recorded but the room and its bounds (no batch, no window, at rest throughout).</summary>
    public static ReplayPeriod Quiet(RoomId room, DateTimeOffset from, DateTimeOffset to) => new(room, from, to, [], [], [], []);
}
