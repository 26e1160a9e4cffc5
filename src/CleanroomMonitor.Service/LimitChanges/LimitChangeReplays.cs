using System.Security.Claims;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Replay;
using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Service.LimitChanges;

/// <summary>Replays a stored period of a proposed change's room and keeps the comparison with the change as evidence of
/// kind <see cref="Kind"/> (docs/gmp.md "Limit changes under change control"). Current is what the engine judges under
/// now (the facility file with every change in force); proposed is that with this change applied, the exact limits the
/// engine would switch to. Stored through the ordinary evidence path, so it is attributed to the signed-in person and
/// audited alike.</summary>
public sealed class LimitChangeReplays(LimitChanging changing, ReplayRunner runner, TimeProvider time, ILogger<LimitChangeReplays> logger)
{
    public const string Kind = "replay";

    /// <summary>Operators and QA, as for a room's replay: the engineers who judge a change's effect.</summary>
    public static readonly IReadOnlyList<Role> Roles = [Role.Operator, Role.QA];

    /// <exception cref="Storage.Influx.InfluxQueryException">InfluxDB refused a query.</exception>
    /// <exception cref="HttpRequestException">InfluxDB is unreachable.</exception>
    public async Task<(LimitChangeView? View, LimitChangeRefusal? Refusal)> AddAsync(Guid id, LimitChangeReplayRequest? request, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var (history, refusal) = await changing.EvidenceTargetAsync(id, user, Roles, cancellationToken);
        if (refusal is null && ReplayRunner.CheckPeriod(request?.From, request?.To, time.GetUtcNow()) is { } periodError)
        {
            refusal = new(LimitChangeFailure.Invalid, periodError);
        }
        if (refusal is not null)
        {
            await changing.RefuseEvidenceAsync(history, user, refusal, cancellationToken);
            return (null, refusal);
        }
        var change = history!.Change;
        var current = await changing.InForceAsync(cancellationToken);
        var proposed = change.Apply(current);
        var (from, to) = (request!.From!.Value.ToUniversalTime(), request.To!.Value.ToUniversalTime());
        var comparison = await runner.ReplayAsync(change.Room, from, to, current, proposed, cancellationToken);
        // A change keeps the facility file's version (its limit sets carry their own), so the comparison names the change instead.
        comparison = comparison with { ProposedVersion = $"{comparison.ProposedVersion} with limit change {change.Id}" };
        logger.ReplayRun(change.Room.Value, from, to, comparison.Readings, comparison.Differences.Count, user.Identity?.Name ?? "unknown");
        var view = await changing.SaveEvidenceAsync(id, Kind, RecordJson.Serialize(comparison),
            $"replay evidence added: {from:O} to {to:O}, {comparison.Readings} readings, {comparison.Differences.Count} differing instants", user, cancellationToken);
        return (view, null);
    }
}
