using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>API tokens for machine clients (a MES): create with roles as scopes and an optional tenant — the token is
/// shown once, on the answer to the form, and stored only as a hash —, list, revoke. Through <see cref="UserAdministration"/>
/// as /api/admin/tokens. Display credentials for wall displays are made and revoked here too.</summary>
public sealed class TokensModel(UserAdministration administration) : PageModel
{
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public IReadOnlyList<string> Tenants { get; private set; } = [];

    /// <summary>The token just created: shown on this one answer only.</summary>
    public NewTokenView? Created { get; private set; }

    /// <summary>The credential just created is a wall display's: the answer shows its address, not a bearer token.</summary>
    public bool CreatedDisplay { get; private set; }

    /// <summary>The address a display opens once: this service's own, as the administrator reached it.</summary>
    public string DisplayAddress(string secret) => $"{Request.Scheme}://{Request.Host}/display/{secret}";

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public NewTokenInput Add { get; set; } = new();

    [BindProperty]
    public RevokeTokenInput Revoke { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var outcome = await administration.CreateTokenAsync(new NewTokenRequest(Add.Name, Add.Roles.ToList(), Add.Tenant, Add.Reason, Add.Kind), User, cancellationToken);
        if (outcome.Value is { } created)
        {
            // No redirect: the secret must not travel in TempData (a cookie) or a URL. The answer is not cached, and a
            // reload would make a second token, not show this one again.
            Created = created;
            CreatedDisplay = string.Equals(Add.Kind, "display", StringComparison.OrdinalIgnoreCase);
            Response.Headers.CacheControl = "no-store";
            Add = new NewTokenInput();
        }
        else
        {
            Error = outcome.Error;
            Response.StatusCode = outcome.StatusCode;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        var outcome = await administration.RevokeTokenAsync(Revoke.Id, Revoke.Reason, User, cancellationToken);
        if (outcome.Value is { } revoked)
        {
            Notice = $"Token {revoked.Name} revoked.";
            return RedirectToPage();
        }
        Error = outcome.Error;
        Response.StatusCode = outcome.StatusCode;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Tokens = await administration.TokensAsync(cancellationToken);
        Tenants = (await administration.LeasesAsync(cancellationToken)).Select(l => l.Tenant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
