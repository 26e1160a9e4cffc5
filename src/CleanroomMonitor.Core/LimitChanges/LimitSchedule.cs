using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>Which limits are in force when: the facility file is the baseline, and every approved change applies from
/// its effective instant on, in effective-time order (then approval time, then id, so two changes of one level at the
/// same instant resolve the same way everywhere).</summary>
public static class LimitSchedule
{
    /// <summary>The approved changes in the order they apply.</summary>
    public static IEnumerable<LimitChangeHistory> InOrder(IEnumerable<LimitChangeHistory> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.Where(c => c.IsApproved)
            .OrderBy(c => c.EffectiveAt).ThenBy(c => c.Decision!.Signature.At).ThenBy(c => c.Change.Id);
    }

    /// <summary>The facility with every change effective at <paramref name="at"/> applied to <paramref name="baseline"/>.</summary>
    public static FacilityDefinition InForce(FacilityDefinition baseline, IEnumerable<LimitChangeHistory> changes, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return InOrder(changes).Where(c => c.EffectiveAt <= at).Aggregate(baseline, (facility, c) => c.Change.Apply(facility));
    }

    /// <summary>The facility just before <paramref name="change"/> applies (every change ordered before it applied):
    /// what its approval's audit entry shows as "old".</summary>
    public static FacilityDefinition Before(FacilityDefinition baseline, IEnumerable<LimitChangeHistory> changes, LimitChangeHistory change)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(change);
        var facility = baseline;
        foreach (var c in InOrder(changes.Where(c => c.Change.Id != change.Change.Id).Append(change)))
        {
            if (c.Change.Id == change.Change.Id)
            {
                return facility;
            }
            facility = c.Change.Apply(facility);
        }
        return facility;
    }

    /// <summary>The next instant after <paramref name="after"/> at which an approved change takes effect, or null.</summary>
    public static DateTimeOffset? NextSwitch(IEnumerable<LimitChangeHistory> changes, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.Where(c => c.IsApproved && c.EffectiveAt > after).Min(c => c.EffectiveAt);
    }
}
