using System.Security.Claims;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Tests.Security;

/// <summary>A display's session is as good as its credential now: revoked, not a display's, or another tenant ends it.</summary>
public sealed class DisplaySessionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static ApiToken Display(string? tenant = null, DateTimeOffset? revoked = null, ApiTokenKind kind = ApiTokenKind.Display) =>
        new(Guid.CreateVersion7(Now), "corridor-2", "hash", [Role.Viewer], tenant, "admin", Now, revoked, kind);

    [Fact]
    public void PrincipalFor_Display_NamedServiceAccountWithViewerOnly()
    {
        var principal = DisplaySessions.PrincipalFor(Display("helix-bio"));

        Assert.Equal("display:corridor-2", principal.Identity!.Name);
        Assert.True(DisplaySessions.IsDisplay(principal));
        Assert.Equal(["Viewer"], principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal("helix-bio", principal.FindFirstValue(ClaimNames.Tenant));
    }

    [Fact]
    public void Problem_ActiveCredential_None()
    {
        var display = Display();

        Assert.Null(DisplaySessions.Problem(DisplaySessions.PrincipalFor(display), display));
    }

    [Fact]
    public void Problem_Revoked_EndsTheSession()
    {
        var display = Display();

        Assert.Equal("display credential revoked", DisplaySessions.Problem(DisplaySessions.PrincipalFor(display), display with { RevokedAt = Now }));
    }

    [Fact]
    public void Problem_UnknownOrAClientToken_EndsTheSession()
    {
        var display = Display();
        var principal = DisplaySessions.PrincipalFor(display);

        Assert.Equal("display credential unknown", DisplaySessions.Problem(principal, null));
        Assert.Equal("display credential unknown", DisplaySessions.Problem(principal, display with { Kind = ApiTokenKind.Client }));
    }

    [Fact]
    public void Problem_TenantChanged_EndsTheSession()
    {
        var display = Display("helix-bio");

        Assert.NotNull(DisplaySessions.Problem(DisplaySessions.PrincipalFor(display), display with { Tenant = "cellco" }));
    }

    [Fact]
    public void IsDisplay_PersonSignedInWithPassword_False() =>
        Assert.False(DisplaySessions.IsDisplay(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimNames.Method, "password")], "test"))));
}
