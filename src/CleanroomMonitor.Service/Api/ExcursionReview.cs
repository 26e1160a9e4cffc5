using System.Security.Claims;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Api;

/// <summary>The signed moves on an excursion (acknowledge, close) and what a principal may see, shared by the JSON API
/// and the pages so that both check, sign and record in exactly the same way.</summary>
public sealed class ExcursionReview(TenantScopes scopes, IRecordStore records, UserAccounts accounts, ExcursionEngine engine, IOptions<SecurityOptions> options)
{
    public IReadOnlyList<string> AssignableCauses => options.Value.AssignableCauses.AsReadOnly();

    /// <summary>The longest shelving allowed (<see cref="SecurityOptions.MaxShelveDuration"/>).</summary>
    public TimeSpan MaxShelveDuration => options.Value.MaxShelveDuration;

    /// <summary>The excursion log filtered by <paramref name="query"/>, less what the principal's tenant may not see. Newest first.</summary>
    public async Task<IReadOnlyList<Excursion>> ListAsync(ExcursionQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(user, cancellationToken);
        var tenantBatches = (IReadOnlyCollection<string>)await ExcursionEndpoints.TenantBatchesAsync(scope, records, cancellationToken);
        return (await records.ExcursionsAsync(query, cancellationToken)).Where(e => scope.CanSee(e, tenantBatches)).ToList();
    }

    /// <summary>Another tenant's excursion is "not found", not "forbidden": its existence is not disclosed.</summary>
    public async Task<Excursion?> VisibleAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var excursion = await records.FindExcursionAsync(id, cancellationToken);
        if (excursion is null)
        {
            return null;
        }
        var scope = await scopes.ForAsync(user, cancellationToken);
        return scope.CanSee(excursion, (IReadOnlyCollection<string>)await ExcursionEndpoints.TenantBatchesAsync(scope, records, cancellationToken)) ? excursion : null;
    }

    public async Task<ReviewOutcome> AcknowledgeAsync(Guid id, AcknowledgeRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!ReviewRules.IsCompleteAcknowledgement(request.Cause, request.Comment, options.Value.AssignableCauses, out var problem))
        {
            return ReviewOutcome.Invalid(problem);
        }
        if (await VisibleAsync(id, user, cancellationToken) is null)
        {
            return ReviewOutcome.NotFound;
        }
        var (meaning, meaningError) = ReviewRules.Meaning(SignedAction.Acknowledge, request.Meaning);
        if (meaning is null)
        {
            return ReviewOutcome.Invalid(meaningError!);
        }
        var (signature, refused) = await SignAsync(user, request.UserName, request.Password, meaning, RoleOf(user, Role.Operator), cancellationToken);
        if (signature is null)
        {
            return refused!;
        }
        var acknowledgement = new ExcursionAcknowledgement(signature, request.Cause, request.Comment, request.ImmediateAction);
        return Outcome(await engine.MoveAsync(id, new ExcursionMove.Acknowledge(acknowledgement), cancellationToken));
    }

    public async Task<ReviewOutcome> CloseAsync(Guid id, CloseRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!ReviewRules.IsCompleteClosure(request.Deviation, request.Comment, out var problem))
        {
            return ReviewOutcome.Invalid(problem);
        }
        var (meaning, meaningError) = ReviewRules.Meaning(SignedAction.Close, request.Meaning);
        if (meaning is null)
        {
            return ReviewOutcome.Invalid(meaningError!);
        }
        if (await VisibleAsync(id, user, cancellationToken) is not { } excursion)
        {
            return ReviewOutcome.NotFound;
        }
        var inScope = await InScopeAsync(user, cancellationToken);
        if (ReviewRules.CheckImpacts(excursion, request.Impacts ?? [], inScope) is { } impactError)
        {
            return ReviewOutcome.Invalid(impactError);
        }
        var (signature, refused) = await SignAsync(user, request.UserName, request.Password, meaning, nameof(Role.QA), cancellationToken);
        if (signature is null)
        {
            return refused!;
        }
        var closure = new ExcursionClosure(signature, request.Deviation, request.Impacts ?? [], request.Capa, request.Comment);
        return Outcome(await engine.MoveAsync(id, new ExcursionMove.Close(closure), cancellationToken));
    }

    /// <summary>Shelving is a person's signed act (ISA-18.2; Part 11 §11.50): the password again, a meaning from the
    /// list, a reason and an expiry no later than <see cref="SecurityOptions.MaxShelveDuration"/> ahead. A token cannot
    /// sign, so a machine cannot shelve.</summary>
    public async Task<ReviewOutcome> ShelveAsync(Guid id, ShelveRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!ReviewRules.IsCompleteShelving(request.Reason, request.Until, options.Value.MaxShelveDuration, out var problem))
        {
            return ReviewOutcome.Invalid(problem);
        }
        var (meaning, meaningError) = ReviewRules.Meaning(SignedAction.Shelve, request.Meaning);
        if (meaning is null)
        {
            return ReviewOutcome.Invalid(meaningError!);
        }
        if (await VisibleAsync(id, user, cancellationToken) is null)
        {
            return ReviewOutcome.NotFound;
        }
        var (signature, refused) = await SignAsync(user, request.UserName, request.Password, meaning, RoleOf(user, Role.Operator), cancellationToken);
        if (signature is null)
        {
            return refused!;
        }
        var shelving = new ExcursionShelving(signature, request.Reason, request.Until.Value);
        var outcome = Outcome(await engine.MoveAsync(id, new ExcursionMove.Shelve(shelving, options.Value.MaxShelveDuration), cancellationToken));
        // The expiry rules are the lifecycle's; a refused expiry is a bad request, not a sequencing conflict.
        return outcome.Failure == ReviewFailure.Sequence && outcome.Excursion is { Status: ExcursionStatus.Unacknowledged, IsActive: true }
            ? ReviewOutcome.Invalid(outcome.Error!)
            : outcome;
    }

    /// <summary>The caller's next signature needs the user id as well as the password (<see cref="UserAccounts.UserIdRequired"/>).</summary>
    public bool UserIdRequired(ClaimsPrincipal user) => accounts.UserIdRequired(user);

    /// <summary>Signs through <see cref="UserAccounts.SignAsync"/>; a missing user id is a bad request (400), any other
    /// refusal a failed signature (401).</summary>
    private async Task<(Signature? Signature, ReviewOutcome? Refused)> SignAsync(ClaimsPrincipal user, string? userName, string? password, string meaning,
        string role, CancellationToken cancellationToken)
    {
        var outcome = await accounts.SignAsync(user, userName, password, meaning, role, cancellationToken);
        return outcome.Refusal switch
        {
            SignatureRefusal.None => (outcome.Signature, null),
            SignatureRefusal.UserIdRequired => (null, ReviewOutcome.Invalid(outcome.Error!)),
            _ => (null, new ReviewOutcome(null, ReviewFailure.Signature, outcome.Error)),
        };
    }

    /// <summary>The batches whose product impact the signer may decide: every batch for the facility's staff, the tenant's
    /// own batches for a tenant's QA.</summary>
    public async Task<Func<string, bool>> InScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(user, cancellationToken);
        if (scope.IsFacilityStaff)
        {
            return _ => true;
        }
        var own = await ExcursionEndpoints.TenantBatchesAsync(scope, records, cancellationToken);
        return own.Contains;
    }

    private static ReviewOutcome Outcome((Excursion? Excursion, string? Error) outcome) =>
        outcome.Excursion is null ? ReviewOutcome.NotFound
        : outcome.Error is not null ? new ReviewOutcome(outcome.Excursion, ReviewFailure.Sequence, outcome.Error)
        : new ReviewOutcome(outcome.Excursion, ReviewFailure.None, null);

    private static string RoleOf(ClaimsPrincipal user, Role preferred) =>
        user.IsInRole(nameof(Role.QA)) && preferred != Role.Operator ? nameof(Role.QA) : user.IsInRole(preferred.ToString()) ? preferred.ToString() : nameof(Role.QA);
}

/// <summary>Why a signed move did not happen.</summary>
public enum ReviewFailure
{
    None,

    /// <summary>The request is incomplete or invalid (400).</summary>
    Invalid,

    /// <summary>No such excursion, or not visible to the user (404).</summary>
    NotFound,

    /// <summary>The user id or password was wrong, or the account (or a token) cannot sign (401).</summary>
    Signature,

    /// <summary>The move is not allowed in the excursion's state (409, Part 11 §11.10(f)).</summary>
    Sequence,
}

/// <summary>The result of a signed move: the changed excursion, or the failure and its message.</summary>
public sealed record ReviewOutcome(Excursion? Excursion, ReviewFailure Failure, string? Error)
{
    public static ReviewOutcome NotFound { get; } = new(null, ReviewFailure.NotFound, "not found");

    public static ReviewOutcome Invalid(string error) => new(null, ReviewFailure.Invalid, error);

    public bool Succeeded => Failure == ReviewFailure.None;
}
