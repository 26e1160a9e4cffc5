namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>The create-a-token form on /admin/tokens.</summary>
public sealed class NewTokenInput
{
    public string? Name { get; set; }

    public IList<string> Roles { get; set; } = [];

    public string? Tenant { get; set; }

    public string? Reason { get; set; }

    /// <summary>"display" from the display-credential form; empty for a client's token.</summary>
    public string? Kind { get; set; }
}
