using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CleanroomMonitor.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Security;

/// <summary>Authenticates machine clients by <c>Authorization: Bearer &lt;token&gt;</c>: the token's SHA-256 is looked up
/// (tokens are 32 random bytes, so an unsalted hash is enough), and a revoked token is refused.</summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IUserStore users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    /// <summary>What a token's principal is named by, before the token's name: "token:mes-line".</summary>
    public const string NamePrefix = "token:";

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NewToken() => "crm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }
        var token = await users.FindTokenAsync(HashOf(header["Bearer ".Length..].Trim()), Context.RequestAborted);
        if (token is not { IsActive: true })
        {
            return AuthenticateResult.Fail("unknown or revoked token");
        }
        if (token.Kind != ApiTokenKind.Client)
        {
            // A display's secret opens the board in a browser and nothing else: as a bearer token it would read the whole API.
            return AuthenticateResult.Fail("a display credential is not an API token");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(PrincipalFor(token), SchemeName));
    }

    /// <summary>The principal of a token: the same for a bearer header and for a token named in a MES message, so both
    /// pass the same policies and are recorded as the same service account ("token:&lt;name&gt;").</summary>
    public static ClaimsPrincipal PrincipalFor(ApiToken token)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, NamePrefix + token.Name),
            new(ClaimNames.UserId, token.Id.ToString()),
            new(ClaimNames.PrintedName, token.Name),
            new(ClaimNames.Method, "token"),
        };
        claims.AddRange(token.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        if (token.Tenant is { } tenant)
        {
            claims.Add(new Claim(ClaimNames.Tenant, tenant));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
    }
}
