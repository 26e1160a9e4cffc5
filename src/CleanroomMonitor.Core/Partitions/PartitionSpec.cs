namespace CleanroomMonitor.Core.Partitions;

/// <summary>One partition as configured (<c>Cluster:Partitions:n</c>), before validation: strings as written, so an
/// error can quote them back.</summary>
public sealed record PartitionSpec(string? Id, IReadOnlyList<string?>? Rooms);
