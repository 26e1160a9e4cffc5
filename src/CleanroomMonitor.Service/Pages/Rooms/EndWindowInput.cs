namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>The end-this-window form next to each open or planned window on /rooms/{id}.</summary>
public sealed class EndWindowInput
{
    public Guid Id { get; set; }

    public string? Reason { get; set; }
}
