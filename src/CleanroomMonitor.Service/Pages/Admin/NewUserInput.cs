namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>The add-a-user form on /admin/users.</summary>
public sealed class NewUserInput
{
    public string? UserName { get; set; }

    public string? PrintedName { get; set; }

    public IList<string> Roles { get; set; } = [];

    public string? Tenant { get; set; }

    public string? Password { get; set; }

    public string? Reason { get; set; }
}
