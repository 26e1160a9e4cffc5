using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Partitions;

/// <summary>A group of rooms that changes hands as one: its owner receives, judges and records all their readings.</summary>
public sealed record Partition(PartitionId Id, IReadOnlyList<RoomId> Rooms);
