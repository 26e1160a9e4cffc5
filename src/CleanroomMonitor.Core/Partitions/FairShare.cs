namespace CleanroomMonitor.Core.Partitions;

/// <summary>How many partitions each live instance should hold, so that the instances split the rooms evenly.</summary>
/// <remarks>The shares add up to exactly the number of partitions: the instances, in ordinal order of their ids, take
/// the quotient each and the first <c>partitions mod instances</c> of them one more. Every instance computes the same
/// shares from the same list of live instances, so there is no negotiation. A share is a ceiling on what an instance
/// acquires and a reason to release what it holds above it; it is never a reason to take a partition another instance
/// holds with a live lease. A newcomer therefore gets partitions only as the holders above their share release them
/// (or as dead holders' leases expire).</remarks>
public static class FairShare
{
    /// <summary>The number of partitions <paramref name="instance"/> should hold.</summary>
    /// <param name="partitionCount">The partitions in the plan.</param>
    /// <param name="liveInstances">The instances seen alive (their heartbeat has not expired); <paramref name="instance"/>
    /// counts as live even when missing from the list (its own heartbeat may not be visible yet).</param>
    /// <param name="instance">The instance asking.</param>
    public static int Of(int partitionCount, IEnumerable<string> liveInstances, string instance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partitionCount);
        ArgumentNullException.ThrowIfNull(liveInstances);
        ArgumentException.ThrowIfNullOrEmpty(instance);
        var ordered = liveInstances.Append(instance).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var position = ordered.IndexOf(instance);
        return partitionCount / ordered.Count + (position < partitionCount % ordered.Count ? 1 : 0);
    }
}
