namespace CleanroomMonitor.Core.Notifications;

/// <summary>Someone a step names who cannot be notified this time, and why: a roster with nobody on call, or a tenant's
/// person for an excursion outside their tenant's rooms and batches. Recorded with the deliveries: nothing is left out
/// silently.</summary>
public sealed record Unreached(string Target, int Step, string Reason);
