using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>One account and the changes an admin may make to it — disable or enable, unlock, reset the password —
/// each with a reason, through <see cref="UserAdministration"/> as POST /api/admin/users/{userName}/….</summary>
public sealed class AccountModel(UserAdministration administration, SiteClock clock) : PageModel
{
    public User Account { get; private set; } = null!;

    public DateTimeOffset Now => clock.Now;

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public AccountChangeInput Change { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string userName, CancellationToken cancellationToken) =>
        await LoadAsync(userName, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostDisableAsync(string userName, CancellationToken cancellationToken) =>
        AfterAsync(userName, administration.DisableAsync(userName, Change.Reason, User, cancellationToken), "disabled", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string userName, CancellationToken cancellationToken) =>
        AfterAsync(userName, administration.EnableAsync(userName, Change.Reason, User, cancellationToken), "enabled", cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(string userName, CancellationToken cancellationToken) =>
        AfterAsync(userName, administration.UnlockAsync(userName, Change.Reason, User, cancellationToken), "unlocked", cancellationToken);

    public Task<IActionResult> OnPostPasswordAsync(string userName, CancellationToken cancellationToken) =>
        AfterAsync(userName, administration.ResetPasswordAsync(userName, Change.Password, Change.Reason, User, cancellationToken), "given a new password", cancellationToken);

    private async Task<IActionResult> AfterAsync(string userName, Task<ChangeOutcome<User>> change, string done, CancellationToken cancellationToken)
    {
        var outcome = await change;
        Change.Password = null;
        if (outcome.Value is { } user)
        {
            Notice = $"{user.UserName} {done}.";
            return RedirectToPage(new { userName });   // post-redirect-get
        }
        if (!await LoadAsync(userName, cancellationToken))
        {
            return NotFound();
        }
        Error = outcome.Error;
        Response.StatusCode = outcome.StatusCode;
        return Page();
    }

    private async Task<bool> LoadAsync(string userName, CancellationToken cancellationToken)
    {
        if (await administration.FindUserAsync(userName, cancellationToken) is not { } user)
        {
            return false;
        }
        Account = user;
        return true;
    }
}
