namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>One change to an account on /admin/users/{userName}: always a reason; a new password for a reset.</summary>
public sealed class AccountChangeInput
{
    public string? Reason { get; set; }

    public string? Password { get; set; }
}
