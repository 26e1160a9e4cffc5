namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>The return-to-service form next to each sensor out of service on /rooms/{id}.</summary>
public sealed class ReturnToServiceInput
{
    public Guid Id { get; set; }

    public string? Reason { get; set; }
}
