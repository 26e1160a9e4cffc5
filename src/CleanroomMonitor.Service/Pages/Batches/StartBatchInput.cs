namespace CleanroomMonitor.Service.Pages.Batches;

/// <summary>The start-a-batch form on /batches.</summary>
public sealed class StartBatchInput
{
    public string? Number { get; set; }

    public string? Product { get; set; }

    /// <summary>Only the facility's staff choose it; a tenant's users start batches for their own tenant.</summary>
    public string? Tenant { get; set; }

    public IList<string> Rooms { get; set; } = [];

    public string? Process { get; set; }

    public string? Reason { get; set; }
}
