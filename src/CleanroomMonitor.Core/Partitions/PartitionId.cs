namespace CleanroomMonitor.Core.Partitions;

/// <summary>The id of a partition: a group of rooms owned by one running instance at a time (docs/scale-out.md). It
/// follows the facility's id rules (lowercase, safe in MQTT topics), because it names the partition's MQTT session.</summary>
public readonly record struct PartitionId(string Value)
{
    public override string ToString() => Value;
}
