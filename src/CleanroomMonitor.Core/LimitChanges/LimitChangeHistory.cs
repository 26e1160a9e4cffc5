namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>A limit change with its decision (at most one: approved, rejected or withdrawn) and its evidence, as stored.</summary>
public sealed record LimitChangeHistory(LimitChange Change, LimitChangeSignature? Decision, IReadOnlyList<LimitChangeEvidence> Evidence)
{
    public LimitChangeHistory(LimitChange change) : this(change, null, [])
    {
    }

    public bool IsApproved => Decision?.Signature.Meaning == LimitChangeRules.Approved;

    /// <summary>When an approved change is (or will be) in force; null otherwise.</summary>
    public DateTimeOffset? EffectiveAt => IsApproved ? Decision!.EffectiveAt : null;

    /// <summary>The state at <paramref name="now"/>: an approved change is effective from its effective instant on.</summary>
    public LimitChangeState StateAt(DateTimeOffset now) => Decision?.Signature.Meaning switch
    {
        null => LimitChangeState.Proposed,
        LimitChangeRules.Rejected => LimitChangeState.Rejected,
        LimitChangeRules.Withdrawn => LimitChangeState.Withdrawn,
        _ => EffectiveAt <= now ? LimitChangeState.Effective : LimitChangeState.Approved,
    };
}
