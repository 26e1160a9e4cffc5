using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages;

/// <summary>Sign-in with the same rules as POST /api/auth/login: lockout, audit of every attempt, a cookie session.</summary>
public sealed class LoginModel(UserAccounts accounts, SignInThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public bool IsLockedOut { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (throttle.BlockedUntil(HttpContext.Connection.RemoteIpAddress) is { } until)
        {
            Error = $"too many failed sign-ins from this address; try again after {until:u}";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var outcome = await accounts.SignInAsync(UserName, Password, cancellationToken);
        if (outcome.User is not { } user)
        {
            throttle.Failed(HttpContext.Connection.RemoteIpAddress);
            Error = outcome.Error;
            IsLockedOut = outcome.IsLockedOut || (outcome.Error?.Contains("locked", StringComparison.Ordinal) ?? false);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        var principal = accounts.PrincipalFor(user, CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        var target = ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";
        return principal.HasClaim(ClaimNames.PasswordChangeDue, "true") ? LocalRedirect("/account/password?returnUrl=" + Uri.EscapeDataString(target)) : LocalRedirect(target);
    }
}
