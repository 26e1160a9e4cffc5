using System.Security.Claims;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.IntegrationTests;

/// <summary>The pure rule behind <see cref="SessionValidation"/>: which account changes end a session.</summary>
public sealed class SessionValidationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly User Op = new(Guid.Empty, "op", "Olu Operator", [Role.Operator], null, "hash", 0, null, false, T0, SessionVersion: 3);

    private static ClaimsPrincipal SessionOf(User user, string version = "3", string[]? roles = null, string? tenant = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.UserName), new(ClaimNames.SessionVersion, version) };
        claims.AddRange((roles ?? ["Operator"]).Select(r => new Claim(ClaimTypes.Role, r)));
        if (tenant is not null)
        {
            claims.Add(new Claim(ClaimNames.Tenant, tenant));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", ClaimTypes.Name, ClaimTypes.Role));
    }

    [Fact]
    public void Problem_UnchangedAccount_SessionGoesOn() => Assert.Null(SessionValidation.Problem(SessionOf(Op), Op, T0));

    [Fact]
    public void Problem_AccountGone_SessionEnds() => Assert.NotNull(SessionValidation.Problem(SessionOf(Op), null, T0));

    [Fact]
    public void Problem_Disabled_SessionEnds() => Assert.NotNull(SessionValidation.Problem(SessionOf(Op), Op with { Disabled = true }, T0));

    [Fact]
    public void Problem_LockedUntilLater_SessionEnds() => Assert.NotNull(SessionValidation.Problem(SessionOf(Op), Op with { LockedUntil = T0.AddMinutes(1) }, T0));

    [Fact]
    public void Problem_LockExpired_SessionGoesOn() => Assert.Null(SessionValidation.Problem(SessionOf(Op), Op with { LockedUntil = T0 }, T0));

    [Theory]
    [InlineData("2")]
    [InlineData("")]
    public void Problem_OtherSessionVersion_SessionEnds(string version) => Assert.NotNull(SessionValidation.Problem(SessionOf(Op, version), Op, T0));

    [Fact]
    public void Problem_RoleAdded_SessionEnds() =>
        Assert.NotNull(SessionValidation.Problem(SessionOf(Op), Op with { Roles = [Role.Operator, Role.QA] }, T0));

    [Fact]
    public void Problem_RoleTaken_SessionEnds() =>
        Assert.NotNull(SessionValidation.Problem(SessionOf(Op, roles: ["Operator", "QA"]), Op, T0));

    [Fact]
    public void Problem_TenantChanged_SessionEnds() =>
        Assert.NotNull(SessionValidation.Problem(SessionOf(Op), Op with { Tenant = "helix-bio" }, T0));
}
