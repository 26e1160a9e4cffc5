namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>The take-out-of-service form on /rooms/{id}: "sensor" or "sensor/parameter" (wire name), the expected end in
/// site time (<c>datetime-local</c>) and the reason.</summary>
public sealed class OutOfServiceInput
{
    public string? Target { get; set; }

    public DateTime? ExpectedEnd { get; set; }

    public string? Reason { get; set; }
}
