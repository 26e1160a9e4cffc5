namespace CleanroomMonitor.Core.Notifications;

/// <summary>Someone a step names who cannot be notified this time, and why: a roster with nobody on call, or a tenant's
/// person for an excursion outside their tenant's rooms and batches. Recorded with the deliveries: nothing is left out
/// silently.</summary>
/// <param name="Tenant">The tenant the person works for, when the target is a tenant's person.</param>
public sealed record Unreached(string Target, int Step, string Reason, string? Tenant = null);
