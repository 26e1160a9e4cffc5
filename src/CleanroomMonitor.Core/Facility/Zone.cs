namespace CleanroomMonitor.Core.Facility;

/// <summary>A cleaner zone inside a room, such as a grade A biosafety cabinet or isolator in a grade B room.</summary>
public sealed record Zone(string Id, string Name, Grade Grade);
