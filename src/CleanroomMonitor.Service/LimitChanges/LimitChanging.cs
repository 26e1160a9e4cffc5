using System.Diagnostics.Metrics;
using System.Security.Claims;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Records;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.LimitChanges;

/// <summary>Limit changes under change control (docs/gmp.md "Limit changes under change control"), shared by the JSON API
/// and the pages so both check, sign and record alike: the rules are <see cref="LimitChangeRules"/>; each decision is an
/// electronic signature through <see cref="UserAccounts.SignAsync"/> (password re-entered, lockout); an approval is handed
/// to the <see cref="ExcursionEngine"/>, which switches at the effective instant. Every refusal is counted, logged and,
/// when the change exists, written to its audit trail.</summary>
public sealed class LimitChanging(ILimitChangeRecords changes, IRecordStore records, UserAccounts accounts, TenantScopes scopes, FacilityDefinition facility,
    ExcursionEngine engine, IOptions<LimitChangeOptions> options, TimeProvider time, IMeterFactory meters, ILogger<LimitChanging> logger)
{
    private readonly Counter<long> _refused = meters.Create("CleanroomMonitor.LimitChanges")
        .CreateCounter<long>("cleanroom.limit_changes.refused", "{request}", "Limit change proposals, approvals, rejections, withdrawals and evidence refused, by request and reason");

    private bool TenantsMayPropose => options.Value.TenantsMayPropose;

    /// <summary>The changes the principal may see (a tenant's: those of rooms leased to it now), newest proposal first,
    /// optionally of one state or room.</summary>
    public async Task<IReadOnlyList<LimitChangeView>> ListAsync(ClaimsPrincipal user, LimitChangeState? state, string? room, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(user, cancellationToken);
        var all = await changes.LimitChangesAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. all.Where(c => scope.HasRoomNow(c.Change.Room, now) && (room is null || c.Change.Room.Value == room) && (state is null || c.StateAt(now) == state))
            .OrderByDescending(c => c.Change.ProposedAt).Select(c => View(c, all, now))];
    }

    /// <summary>One change, or null when unknown or of a room the principal's tenant does not lease.</summary>
    public async Task<LimitChangeView?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var all = await changes.LimitChangesAsync(cancellationToken);
        var now = time.GetUtcNow();
        return all.FirstOrDefault(c => c.Change.Id == id) is { } change && (await scopes.ForAsync(user, cancellationToken)).HasRoomNow(change.Change.Room, now)
            ? View(change, all, now)
            : null;
    }

    /// <summary>The facility with every change in force now: what the engine judges under.</summary>
    public async Task<FacilityDefinition> InForceAsync(CancellationToken cancellationToken) =>
        LimitSchedule.InForce(facility, await changes.LimitChangesAsync(cancellationToken), time.GetUtcNow());

    /// <summary>This session's next signature needs the user id as well as the password.</summary>
    public bool UserIdRequired(ClaimsPrincipal user) => accounts.UserIdRequired(user);

    public async Task<(LimitChangeView? View, LimitChangeRefusal? Refusal)> ProposeAsync(LimitChangeProposal? request, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (change, refusal) = ReadProposal(request, user, now);
        if (user.FindFirstValue(ClaimNames.Method) != "password")
        {
            // A change is a person's act: the proposer must be someone who can later withdraw it with a signature.
            (change, refusal) = (null, new(LimitChangeFailure.Forbidden, "limit changes are proposed by a person signed in with a password, not by a token"));
        }
        if (change is not null)
        {
            var inForce = await InForceAsync(cancellationToken);
            refusal = LimitChangeRules.CheckProposal(change, inForce, await ActorAsync(user, change.Room, cancellationToken), TenantsMayPropose);
        }
        if (refusal is not null)
        {
            await RefuseAsync("proposal", null, change?.Room ?? (request?.Room is { } r && facility.TryGetRoom(new RoomId(r), out _) ? new RoomId(r) : null), user, refusal,
                cancellationToken);
            return (null, refusal);
        }
        await changes.SaveLimitChangeAsync(change!, new AuditEntry(now, change!.ProposedBy, change.ProposedRole, AuditAction.LimitChangeProposed,
            AuditEntity.LimitChange, change.Id.ToString(), null, null, change.Reason), cancellationToken);
        logger.LimitChangeProposed(change.Id, change.Target, change.Parameter.WireName(), change.ProposedBy, change.EffectiveAt);
        return (await FindAsync(change.Id, user, cancellationToken), null);
    }

    public Task<(LimitChangeView? View, LimitChangeRefusal? Refusal)> ApproveAsync(Guid id, LimitChangeSignRequest? request, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        DecideAsync("approval", id, request, user, LimitChangeRules.Approved, (history, actor) => LimitChangeRules.CheckApproval(history, actor, TenantsMayPropose),
            cancellationToken);

    public Task<(LimitChangeView? View, LimitChangeRefusal? Refusal)> RejectAsync(Guid id, LimitChangeSignRequest? request, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        DecideAsync("rejection", id, request, user, LimitChangeRules.Rejected,
            (history, actor) => LimitChangeRules.CheckRejection(history, actor, request?.Reason, TenantsMayPropose), cancellationToken);

    public Task<(LimitChangeView? View, LimitChangeRefusal? Refusal)> WithdrawAsync(Guid id, LimitChangeSignRequest? request, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        DecideAsync("withdrawal", id, request, user, LimitChangeRules.Withdrawn, (history, actor) => LimitChangeRules.CheckWithdrawal(history, actor, request?.Reason),
            cancellationToken);

    /// <summary>Adds evidence (any JSON) to a change the principal may see; QA only (the replay and alert-level wiring adds
    /// it in the name of the person who asked for it).</summary>
    public async Task<(LimitChangeView? View, LimitChangeRefusal? Refusal)> AddEvidenceAsync(Guid id, LimitChangeEvidenceRequest? request, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var (history, refusal) = await EvidenceTargetAsync(id, user, [Role.QA], cancellationToken);
        refusal ??= request?.Kind is not { Length: > 0 and <= 64 } kind || !kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? new(LimitChangeFailure.Invalid, "kind must be a name of 1-64 letters, digits, '-' or '_' (for example \"replay\")")
            : request.Json is not { ValueKind: not JsonValueKind.Undefined }
                ? new(LimitChangeFailure.Invalid, "json must be a JSON value (the evidence itself)")
                : null;
        if (refusal is not null)
        {
            await RefuseEvidenceAsync(history, user, refusal, cancellationToken);
            return (null, refusal);
        }
        return (await SaveEvidenceAsync(id, request!.Kind!, request.Json!.Value.GetRawText(), $"{request.Kind} evidence added", user, cancellationToken), null);
    }

    /// <summary>The change evidence may be added to by <paramref name="user"/> in one of <paramref name="roles"/>: one it may
    /// see, still proposed (a decision was taken on the evidence there was; later evidence would look as if it had been
    /// before the decider). The refusal is not yet counted: <see cref="RefuseEvidenceAsync"/> does that.</summary>
    internal async Task<(LimitChangeHistory? History, LimitChangeRefusal? Refusal)> EvidenceTargetAsync(Guid id, ClaimsPrincipal user, IReadOnlyList<Role> roles,
        CancellationToken cancellationToken)
    {
        var history = await changes.FindLimitChangeAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        if (history is null || !(await scopes.ForAsync(user, cancellationToken)).HasRoomNow(history.Change.Room, now))
        {
            return (null, new(LimitChangeFailure.NotFound, $"limit change {id} not found"));
        }
        if (!roles.Any(r => user.IsInRole(r.ToString())))
        {
            return (history, new(LimitChangeFailure.Forbidden, $"only {string.Join(" or ", roles)} may add this evidence to a limit change"));
        }
        if (history.Decision is { } decision)
        {
            return (history, new(LimitChangeFailure.Sequence,
                $"limit change {id} was {decision.Signature.Meaning} on {decision.Signature.At:O}: evidence is added only while a change is proposed"));
        }
        return (history, null);
    }

    /// <summary>Counts, logs and audits a refused evidence request.</summary>
    internal Task RefuseEvidenceAsync(LimitChangeHistory? history, ClaimsPrincipal user, LimitChangeRefusal refusal, CancellationToken cancellationToken) =>
        RefuseAsync("evidence", history?.Change.Id, null, user, refusal, cancellationToken);

    /// <summary>Stores evidence checked by <see cref="EvidenceTargetAsync"/> in the signed-in person's name, with its audit entry.</summary>
    internal async Task<LimitChangeView?> SaveEvidenceAsync(Guid id, string kind, string json, string auditReason, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var name = NameOf(user);
        await changes.AddLimitChangeEvidenceAsync(id, kind, json, name, now,
            new AuditEntry(now, name, AuditRoles.Of(user), AuditAction.LimitChangeEvidenceAdded, AuditEntity.LimitChange, id.ToString(), null, null, auditReason),
            cancellationToken);
        return await FindAsync(id, user, cancellationToken);
    }

    private async Task<(LimitChangeView?, LimitChangeRefusal?)> DecideAsync(string request, Guid id, LimitChangeSignRequest? body, ClaimsPrincipal user,
        string meaning, Func<LimitChangeHistory, LimitChangeActor, LimitChangeRefusal?> check, CancellationToken cancellationToken)
    {
        var history = await changes.FindLimitChangeAsync(id, cancellationToken);
        LimitChangeRefusal? refusal;
        if (history is null || !(await scopes.ForAsync(user, cancellationToken)).HasRoomNow(history.Change.Room, time.GetUtcNow()))
        {
            history = null;
            refusal = new(LimitChangeFailure.NotFound, $"limit change {id} not found");
        }
        else if (body is null)
        {
            refusal = new(LimitChangeFailure.Invalid, "the body must be a JSON object");
        }
        else
        {
            refusal = check(history, await ActorAsync(user, history.Change.Room, cancellationToken))
                ?? await SignAndSaveAsync(history, body, user, meaning, cancellationToken);
        }
        if (refusal is not null)
        {
            await RefuseAsync(request, history?.Change.Id, null, user, refusal, cancellationToken);
            return (null, refusal);
        }
        return (await FindAsync(id, user, cancellationToken), null);
    }

    private async Task<LimitChangeRefusal?> SignAndSaveAsync(LimitChangeHistory history, LimitChangeSignRequest body, ClaimsPrincipal user, string meaning,
        CancellationToken cancellationToken)
    {
        var outcome = await accounts.SignAsync(user, body.UserName, body.Password, meaning, LimitChangeRules.SigningRole, cancellationToken);
        if (outcome.Signature is not { } signed)
        {
            return new(outcome.Refusal == SignatureRefusal.UserIdRequired ? LimitChangeFailure.Invalid : LimitChangeFailure.Signature,
                outcome.Error ?? "the signature failed");
        }
        var change = history.Change;
        var reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
        LimitChangeSignature decision;
        AuditEntry audit;
        if (meaning == LimitChangeRules.Approved)
        {
            var (effectiveAt, effectiveNow) = LimitChangeRules.EffectiveAt(change, signed.At);
            decision = new LimitChangeSignature(change.Id, signed, reason, effectiveAt, effectiveNow);
            var approved = history with { Decision = decision };
            var all = await changes.LimitChangesAsync(cancellationToken);
            var before = LimitSchedule.Before(facility, all.Where(c => c.IsApproved), approved);
            var after = change.Apply(before);
            var sets = Sets(change, before, after);
            // Old → new of the approval: the level's spec and the limit sets it changes, with author, approver and effective time.
            audit = new AuditEntry(signed.At, signed.UserName, signed.Role, AuditAction.LimitChangeApproved, AuditEntity.LimitChange, change.Id.ToString(),
                RecordJson.Serialize(new { target = change.Target, parameter = change.Parameter.WireName(), limits = Json(change.Before(before)),
                    sets = sets.Select(s => new { s.Sensor, s.State, description = s.Before, version = s.BeforeVersion }) }),
                RecordJson.Serialize(new { target = change.Target, parameter = change.Parameter.WireName(), limits = Json(change.Limits),
                    sets = sets.Select(s => new { s.Sensor, s.State, description = s.After, version = s.AfterVersion }),
                    proposedBy = change.ProposedBy, proposedRole = change.ProposedRole, approvedBy = signed.UserName, approvedRole = signed.Role,
                    effectiveAt, effectiveNow, proposalReason = change.Reason }),
                $"{change.Reason}" + (reason is null ? "" : $" (approval: {reason})"));
        }
        else
        {
            decision = new LimitChangeSignature(change.Id, signed, reason, null);
            audit = new AuditEntry(signed.At, signed.UserName, signed.Role,
                meaning == LimitChangeRules.Rejected ? AuditAction.LimitChangeRejected : AuditAction.LimitChangeWithdrawn,
                AuditEntity.LimitChange, change.Id.ToString(), null, null, reason);
        }
        if (!await changes.SaveLimitChangeDecisionAsync(decision, audit, cancellationToken))
        {
            return new(LimitChangeFailure.Sequence, $"limit change {change.Id} was decided by someone else a moment ago");
        }
        logger.LimitChangeDecided(change.Id, meaning, signed.UserName, signed.Role, decision.EffectiveAt);
        if (meaning == LimitChangeRules.Approved)
        {
            await engine.ScheduleLimitChangeAsync(history with { Decision = decision }, cancellationToken);
        }
        return null;
    }

    private static (LimitChange?, LimitChangeRefusal?) ReadProposal(LimitChangeProposal? request, ClaimsPrincipal user, DateTimeOffset now)
    {
        if (request is null)
        {
            return (null, new(LimitChangeFailure.Invalid, "the body must be a JSON object"));
        }
        if (string.IsNullOrWhiteSpace(request.Room))
        {
            return (null, new(LimitChangeFailure.Invalid, "room is required: the room whose (or whose sensor's) limits change"));
        }
        if (!ParameterCatalog.TryParse(request.Parameter ?? "", out var info))
        {
            return (null, new(LimitChangeFailure.Invalid, $"parameter '{request.Parameter}' is not one of {ParameterCatalog.Names}"));
        }
        if (request.Limits is not { ValueKind: JsonValueKind.Object } limits)
        {
            return (null, new(LimitChangeFailure.Invalid, "limits is required: the new limits of that level as the facility file writes them, e.g. { \"alert\": { \"high\": 22 } }"));
        }
        var (spec, errors) = LimitSpecJson.Read(limits.GetRawText(), info.Parameter, "request body", "$.limits");
        if (spec is null)
        {
            return (null, new(LimitChangeFailure.Invalid, LimitSpecJson.Describe(errors)));
        }
        if (request.EffectiveAt is not { } effectiveAt)
        {
            return (null, new(LimitChangeFailure.Invalid, "effectiveAt is required: when the change should take effect (an ISO 8601 time with its offset)"));
        }
        var name = NameOf(user);
        return (new LimitChange(Guid.CreateVersion7(now), new RoomId(request.Room.Trim()), string.IsNullOrWhiteSpace(request.Sensor) ? null : new SensorId(request.Sensor.Trim()),
            info.Parameter, spec, request.Reason?.Trim() ?? "", effectiveAt.ToUniversalTime(), name, AuditRoles.Of(user),
            user.FindFirstValue(ClaimNames.Tenant), now), null);
    }

    private async Task<LimitChangeActor> ActorAsync(ClaimsPrincipal user, RoomId room, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(user, cancellationToken);
        return new LimitChangeActor(NameOf(user), RolesOf(user), scope.Tenant, scope.HasRoomNow(room, time.GetUtcNow()));
    }

    private async Task RefuseAsync(string request, Guid? change, RoomId? room, ClaimsPrincipal user, LimitChangeRefusal refusal, CancellationToken cancellationToken)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("request", request), new KeyValuePair<string, object?>("reason", refusal.Failure.ToString()));
        logger.LimitChangeRefused(request, change?.ToString() ?? room?.Value ?? "-", NameOf(user), refusal.Failure, refusal.Message);
        // A wrong password is audited by the signing itself; an unknown change or room has no trail to file under.
        if (refusal.Failure is LimitChangeFailure.NotFound or LimitChangeFailure.Signature || (change is null && room is null))
        {
            return;
        }
        await records.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), NameOf(user), AuditRoles.Of(user), AuditAction.LimitChangeRefused,
            change is null ? AuditEntity.Room : AuditEntity.LimitChange, change?.ToString() ?? room!.Value.Value, null, request, refusal.Message), cancellationToken);
    }

    private LimitChangeView View(LimitChangeHistory history, IReadOnlyList<LimitChangeHistory> all, DateTimeOffset now)
    {
        var change = history.Change;
        var before = LimitSchedule.Before(facility, all.Where(c => c.IsApproved), history);
        FacilityDefinition? after;
        try
        {
            after = change.Apply(before);
        }
        catch (InvalidOperationException)
        {
            after = null;   // the facility file no longer has the target: the proposal is shown, its effect cannot be
        }
        return new LimitChangeView(change.Id, history.StateAt(now), change.Room.Value, change.Sensor?.Value, change.Parameter.WireName(), change.Target,
            change.Reason, change.EffectiveAt, history.EffectiveAt, history.Decision?.EffectiveNow ?? false, change.ProposedBy, change.ProposedRole, change.Tenant,
            change.ProposedAt, LimitSpecJson.Write(change.Before(before)), LimitSpecJson.Write(change.Limits), after is null ? [] : Sets(change, before, after),
            history.Decision, history.Evidence);
    }

    /// <summary>The limit sets of the sensors the change reaches, in both room states, before and after.</summary>
    private static List<LimitSetChange> Sets(LimitChange change, FacilityDefinition before, FacilityDefinition after)
    {
        var oldBook = new LimitBook(before);
        var newBook = new LimitBook(after);
        var sensors = change.Sensor is { } id
            ? before.Sensors.Where(s => s.Id == id)
            : before.SensorsIn(change.Room).Where(s => s.Equipment is null && s.Measures(change.Parameter));
        var sets = new List<LimitSetChange>();
        foreach (var sensor in sensors)
        {
            foreach (var state in (RoomState[])[RoomState.AtRest, RoomState.InOperation])
            {
                var old = oldBook.Resolve(sensor, change.Parameter, state);
                var now = newBook.Resolve(sensor, change.Parameter, state);
                sets.Add(new LimitSetChange(sensor.Id.Value, state.ToString(), old?.Describe(), old?.Version, now?.Describe(), now?.Version));
            }
        }
        return sets;
    }

    /// <summary>The spec as a JSON value (not a string of JSON), so the audit entry reads as the facility file would.</summary>
    private static JsonElement Json(LimitSpec spec)
    {
        using var document = JsonDocument.Parse(LimitSpecJson.Write(spec));
        return document.RootElement.Clone();
    }

    private static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static Role[] RolesOf(ClaimsPrincipal user) => [.. Enum.GetValues<Role>().Where(r => user.IsInRole(r.ToString()))];
}
