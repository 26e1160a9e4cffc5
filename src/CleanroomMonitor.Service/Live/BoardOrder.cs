namespace CleanroomMonitor.Service.Live;

/// <summary>The order of the board's tiles: by <see cref="RoomStatus.Rank"/> (action, alert, open excursions, not fully
/// monitored, normal), and within a rank in the facility file's order, so a room does not jump among its peers at
/// every snapshot. An action alarm in the last room of the file is the first tile (GMP issue "the board hides alarms").</summary>
public static class BoardOrder
{
    /// <param name="fileOrder">Each room id's position in the facility file.</param>
    public static IReadOnlyList<RoomTile> Sort(IEnumerable<RoomTile> rooms, IReadOnlyDictionary<string, int> fileOrder) =>
        rooms.OrderBy(r => r.Status.Rank).ThenBy(r => fileOrder.TryGetValue(r.Id, out var index) ? index : int.MaxValue).ToList();
}
