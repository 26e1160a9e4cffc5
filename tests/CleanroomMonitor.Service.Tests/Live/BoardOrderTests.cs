using CleanroomMonitor.Service.Live;

namespace CleanroomMonitor.Service.Tests.Live;

/// <summary>The board's order: the worst room first, file order among equals (GMP issue "the board hides alarms").</summary>
public sealed class BoardOrderTests
{
    private static readonly Dictionary<string, int> FileOrder = new() { ["corridor"] = 0, ["airlock"] = 1, ["suite1"] = 2, ["suite2"] = 3, ["store"] = 4 };

    private static RoomTile Room(string id, string key, int rank) =>
        new(id, id, "C", "at rest", null, [], 0, 0, "normal", []) { Status = new RoomStatus(key, rank, key.ToUpperInvariant(), null) };

    [Fact]
    public void Sort_ActionInTheLastRoom_ComesFirst()
    {
        var rooms = new[] { Room("corridor", "normal", 4), Room("airlock", "normal", 4), Room("suite1", "normal", 4), Room("suite2", "action", 0) };

        var sorted = BoardOrder.Sort(rooms, FileOrder);

        Assert.Equal(["suite2", "corridor", "airlock", "suite1"], sorted.Select(r => r.Id));
    }

    [Fact]
    public void Sort_EveryLevel_ActionAlertOpenNotFullyMonitoredNormal()
    {
        var rooms = new[] { Room("corridor", "normal", 4), Room("airlock", "partial", 3), Room("suite1", "open", 2), Room("suite2", "alert", 1), Room("store", "action", 0) };

        var sorted = BoardOrder.Sort(rooms, FileOrder);

        Assert.Equal(["store", "suite2", "suite1", "airlock", "corridor"], sorted.Select(r => r.Id));
    }

    [Fact]
    public void Sort_SameLevel_FileOrderWhateverTheInputOrder()
    {
        var rooms = new[] { Room("store", "alert", 1), Room("suite2", "normal", 4), Room("airlock", "alert", 1), Room("corridor", "normal", 4) };

        var sorted = BoardOrder.Sort(rooms, FileOrder);

        Assert.Equal(["airlock", "store", "corridor", "suite2"], sorted.Select(r => r.Id));
    }
}
