namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>The declare-a-window form on /rooms/{id}. Times are site time (<c>datetime-local</c>); an empty start means now.</summary>
public sealed class WindowInput
{
    /// <summary>"operation" or "non-monitoring", as the JSON API takes it.</summary>
    public string? Kind { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public string? Reason { get; set; }
}
