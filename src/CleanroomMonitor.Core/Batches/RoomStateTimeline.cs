using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Batches;

/// <summary>Every room's states over time, as recorded. The state at any instant is the last change at or before it,
/// so a late reading is judged against the limits of its own time, not of its arrival.</summary>
public sealed class RoomStateTimeline
{
    private readonly Dictionary<RoomId, List<RoomStateChange>> _changes = [];

    public void Load(IEnumerable<RoomStateChange> changes)
    {
        foreach (var change in changes.OrderBy(c => c.At))
        {
            Append(change);
        }
    }

    public RoomState Current(RoomId room) => _changes.TryGetValue(room, out var list) && list.Count > 0 ? list[^1].State : RoomState.AtRest;

    public RoomStateChange? LastChange(RoomId room) => _changes.TryGetValue(room, out var list) && list.Count > 0 ? list[^1] : null;

    /// <summary>The last change of every room that has one.</summary>
    public IReadOnlyDictionary<RoomId, RoomStateChange> LastChanges() =>
        _changes.Where(c => c.Value.Count > 0).ToDictionary(c => c.Key, c => c.Value[^1]);

    public RoomState StateAt(RoomId room, DateTimeOffset at)
    {
        if (!_changes.TryGetValue(room, out var list))
        {
            return RoomState.AtRest;
        }
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].At <= at)
            {
                return list[i].State;
            }
        }
        return RoomState.AtRest;
    }

    /// <summary>Records a change; a change to the state the room is already in is ignored and returns false.</summary>
    public bool Append(RoomStateChange change)
    {
        if (!_changes.TryGetValue(change.Room, out var list))
        {
            _changes[change.Room] = list = [];
        }
        if (list.Count > 0 && list[^1].State == change.State)
        {
            return false;
        }
        // Keep the list ordered even if a change is recorded with an earlier time than the last one.
        var index = list.FindLastIndex(c => c.At <= change.At) + 1;
        list.Insert(index, change);
        return true;
    }
}
