namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>The end and set-end forms of a lease row on /admin/leases. <see cref="At"/> is site time; left empty it
/// means "now" when ending and "until further notice" when setting the planned end.</summary>
public sealed class LeaseEndInput
{
    public Guid Id { get; set; }

    public DateTime? At { get; set; }

    public string? Reason { get; set; }
}
