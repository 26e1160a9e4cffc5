using System.Security.Claims;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Recording;

/// <summary>The role an audit entry records for its actor (Annex 11 §9, Part 11 §11.10(e)): the actor's roles at the
/// time of the action, written as the rest of the trail writes them (enum names joined by ",", as sign-in and account
/// entries do): a person's from the stored account, a "token:&lt;name&gt;" or "display:&lt;name&gt;" actor's from the
/// stored credential, "system" for <see cref="AuditEntries.ServiceAccount"/>, "unknown" when no account or credential
/// has the name. Never from anything a message claims.</summary>
/// <remarks>Why resolved here rather than carried as <c>Roles</c> beside <c>By</c>: the actor's name travels through
/// Core records that are themselves stored and serialised into audit values (BatchStart, RoomWindow, ExcursionChange,
/// OutOfServiceChange, RoomStateChange, StoredPlan) and through the tracker's commands; adding roles to all of them
/// would change stored shapes for a value the store already holds. Reading the account when the entry is built gives
/// the same answer as the principal: a person's session is checked against the stored account on every request and
/// ends when the roles change (<see cref="SessionValidation"/>), and a token's claims are its stored roles. No cache,
/// as in <see cref="SessionValidation"/>: one indexed lookup per person's action (rare next to the service's own
/// changes, which need none) and nothing a role change could forget to clear. Where the principal is at hand and the
/// entry is built in the request, <see cref="Of(ClaimsPrincipal)"/> gives the same text from its claims.</remarks>
public sealed class AuditRoles(IUserStore users)
{
    /// <summary>The role of the service account's own records.</summary>
    public const string System = "system";

    /// <summary>The role of an actor that no stored account or credential names.</summary>
    public const string Unknown = "unknown";

    public async Task<string> OfAsync(string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor == AuditEntries.ServiceAccount)
        {
            return System;
        }
        if (CredentialOf(actor) is { } credential)
        {
            return Of(Newest((await users.TokensAsync(cancellationToken)).Where(t => t.Kind == credential.Kind && t.Name == credential.Name)));
        }
        return Of(await users.FindUserAsync(actor, cancellationToken));
    }

    /// <summary>The name and kind of the credential an actor name stands for ("token:mes-line", "display:corridor"), or null for a person.</summary>
    public static (string Name, ApiTokenKind Kind)? CredentialOf(string actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.StartsWith(ApiTokenHandler.NamePrefix, StringComparison.Ordinal) ? (actor[ApiTokenHandler.NamePrefix.Length..], ApiTokenKind.Client)
            : actor.StartsWith(DisplaySessions.NamePrefix, StringComparison.Ordinal) ? (actor[DisplaySessions.NamePrefix.Length..], ApiTokenKind.Display)
            : null;
    }

    public static string Of(User? user) => user is null ? Unknown : Joined(user.Roles);

    public static string Of(ApiToken? token) => token is null ? Unknown : Joined(token.Roles);

    /// <summary>The roles the principal was authenticated with (its role claims), as an audit entry writes them.</summary>
    public static string Of(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Joined([.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value)]);
    }

    private static string Joined<T>(IReadOnlyCollection<T> roles) => roles.Count == 0 ? "none" : string.Join(",", roles);

    /// <summary>A name may be reused after its token was revoked: the active one, else the one created last.</summary>
    private static ApiToken? Newest(IEnumerable<ApiToken> tokens) =>
        tokens.OrderByDescending(t => t.IsActive).ThenByDescending(t => t.CreatedAt).FirstOrDefault();
}
