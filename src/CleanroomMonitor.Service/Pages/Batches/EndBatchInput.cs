namespace CleanroomMonitor.Service.Pages.Batches;

/// <summary>The end-the-batch form on /batches/{number}: a reason and an explicit confirmation.</summary>
public sealed class EndBatchInput
{
    public string? Reason { get; set; }

    public bool Confirm { get; set; }
}
