namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>The record-a-lease form on /admin/leases. Times are site time; an empty start means now, an empty end
/// "until further notice".</summary>
public sealed class NewLeaseInput
{
    public string? Room { get; set; }

    public string? Tenant { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public string? Reason { get; set; }
}
