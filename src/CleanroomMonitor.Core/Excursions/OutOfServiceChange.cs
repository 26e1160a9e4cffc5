namespace CleanroomMonitor.Core.Excursions;

/// <summary>A sensor taken out of service or returned to it: the period before (null when taken out) and after, the
/// action name of the audit trail ("out-of-service", "returned-to-service"), who and why.</summary>
public sealed record OutOfServiceChange(OutOfServicePeriod? Before, OutOfServicePeriod After, string Action, string By, string Reason);
