namespace CleanroomMonitor.Service.Reports;

/// <summary>An electronic signature as printed (Part 11 §11.50): printed name, user id, role, meaning, date and time in
/// UTC and in the site's time zone, and how the signer authenticated.</summary>
public sealed record ReportSignature(string PrintedName, string UserName, string Role, string Meaning, DateTimeOffset At, DateTimeOffset AtSite, string Method);
