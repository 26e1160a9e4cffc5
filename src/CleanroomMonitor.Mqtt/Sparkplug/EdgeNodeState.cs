namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>What the host knows of one edge node between its birth and its death (docs/instruments.md §3: bdSeq, last seq,
/// alias → metric, per device alive).</summary>
internal sealed class EdgeNodeState
{
    public bool IsBorn { get; set; }

    public ulong BirthSequence { get; set; }

    /// <summary>The seq of the last node message; -1 before the first birth.</summary>
    public int LastSeq { get; set; } = -1;

    public DateTimeOffset LastMessageAt { get; set; }

    public DateTimeOffset? RebirthRequestedAt { get; set; }

    /// <summary>True once the node stayed silent past its limit and its sensors were reported lost.</summary>
    public bool IsSilent { get; set; }

    /// <summary>Aliases are unique across the whole node, its devices included (Sparkplug 3.0 §6.4.7).</summary>
    public Dictionary<ulong, MetricDefinition> Aliases { get; } = [];

    /// <summary>Metrics by name per device; the key <see cref="string.Empty"/> holds the node's own metrics.</summary>
    public Dictionary<string, Dictionary<string, MetricDefinition>> Born { get; } = new(StringComparer.Ordinal);

    public void Die()
    {
        IsBorn = false;
        Aliases.Clear();
        Born.Clear();
    }
}
