namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>One line of the rooms index: the room, its grade, its state now and its open (not yet closed) excursions.</summary>
public sealed record RoomRow(string Id, string Name, string? Grade, string State, int OpenExcursions, IReadOnlyList<string> ActiveBatches);
