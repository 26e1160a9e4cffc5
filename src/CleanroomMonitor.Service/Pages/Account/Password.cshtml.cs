using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Account;

/// <summary>The signed-in person changes their own password, with the rules of POST /api/auth/password. The only page a
/// session may open while its password must be changed (set by an admin, or expired).</summary>
[Authorize(Policy = Policies.Read)]
public sealed class PasswordModel(UserAccounts accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public string? Error { get; private set; }

    public bool IsDue => User.HasClaim(ClaimNames.PasswordChangeDue, "true");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (NewPassword != ConfirmPassword)
        {
            return Refuse("the new password and its confirmation differ");
        }
        var (user, error) = await accounts.ChangeOwnPasswordAsync(User.Identity!.Name!, CurrentPassword, NewPassword, cancellationToken);
        if (user is null)
        {
            return Refuse(error!);
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, accounts.PrincipalFor(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith(SecurityExtensions.PasswordPage, StringComparison.Ordinal) ? url : "/");
    }

    private PageResult Refuse(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
