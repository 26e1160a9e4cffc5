using CleanroomMonitor.Core.LimitChanges;

namespace CleanroomMonitor.Service.LimitChanges;

/// <summary>A limit change as the API and the pages show it: the proposal, where it stands now, the level's limits before
/// and after in the facility file's shape, the limit sets it changes (before → after, as their versions describe them),
/// its decision and its evidence.</summary>
public sealed record LimitChangeView(
    Guid Id,
    LimitChangeState State,
    string Room,
    string? Sensor,
    string Parameter,
    string Target,
    string Reason,
    DateTimeOffset ProposedEffectiveAt,
    DateTimeOffset? EffectiveAt,
    bool EffectiveNow,
    string ProposedBy,
    string ProposedRole,
    string? Tenant,
    DateTimeOffset ProposedAt,
    string OldLimits,
    string NewLimits,
    IReadOnlyList<LimitSetChange> Sets,
    LimitChangeSignature? Decision,
    IReadOnlyList<LimitChangeEvidence> Evidence);

/// <summary>One limit set a change alters: sensor, room state, and the set's description and version before and after
/// (null where no limit is set).</summary>
public sealed record LimitSetChange(string Sensor, string State, string? Before, string? BeforeVersion, string? After, string? AfterVersion);
