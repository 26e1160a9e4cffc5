namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>The revoke form next to each active token on /admin/tokens.</summary>
public sealed class RevokeTokenInput
{
    public Guid Id { get; set; }

    public string? Reason { get; set; }
}
