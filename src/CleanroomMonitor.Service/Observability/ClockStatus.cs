namespace CleanroomMonitor.Service.Observability;

/// <summary>What the host says about its clock. <see cref="IsSynchronised"/> is null when it cannot be told.</summary>
/// <param name="MaxError">The kernel's maximum error estimate, when read through adjtimex.</param>
/// <param name="Source">How it was read: <c>adjtimex</c> or <c>/run/systemd/timesync/synchronized</c>.</param>
public sealed record ClockStatus(bool? IsSynchronised, TimeSpan? MaxError, string Source, string Detail);
