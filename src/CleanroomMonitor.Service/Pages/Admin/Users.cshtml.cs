using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>Every account with its roles, tenant and state, and the form to add one, through
/// <see cref="UserAdministration"/> as POST /api/admin/users. The folder needs <see cref="Policies.Administer"/>.</summary>
public sealed class UsersModel(UserAdministration administration, SiteClock clock) : PageModel
{
    public IReadOnlyList<User> Users { get; private set; } = [];

    /// <summary>Tenants known from accounts and leases, offered as suggestions.</summary>
    public IReadOnlyList<string> Tenants { get; private set; } = [];

    public DateTimeOffset Now => clock.Now;

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public NewUserInput Add { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var outcome = await administration.CreateUserAsync(
            new NewUser(Add.UserName?.Trim(), Add.PrintedName, Add.Roles.ToList(), Add.Tenant, Add.Password, Add.Reason), User, cancellationToken);
        if (outcome.Value is { } user)
        {
            Notice = $"User {user.UserName} added.";
            return Redirect("/admin/users/" + Uri.EscapeDataString(user.UserName));
        }
        Error = outcome.Error;
        Response.StatusCode = outcome.StatusCode;
        Add.Password = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public static string StateOf(User user, DateTimeOffset now) => user.Disabled ? "Disabled" : user.IsLocked(now) ? "Locked" : "Active";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await administration.UsersAsync(cancellationToken);
        Tenants = Users.Select(u => u.Tenant).Concat((await administration.LeasesAsync(cancellationToken)).Select(l => l.Tenant))
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
