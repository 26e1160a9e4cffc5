namespace CleanroomMonitor.Service.Reports;

/// <summary>A sensor (or one parameter) out of service during the batch: not monitored for that time, which the
/// Authorised Person must know and weigh (ISA-18.2 out of service; docs/excursions.md).</summary>
/// <param name="To">Its return to service; null while still out of service.</param>
public sealed record ReportOutOfService(string Sensor, string Room, string? Parameter, DateTimeOffset From, DateTimeOffset? To, DateTimeOffset ExpectedEnd,
    string Reason, string By, string? ReturnedBy, string? ReturnReason);
