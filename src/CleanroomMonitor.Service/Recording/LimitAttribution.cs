namespace CleanroomMonitor.Service.Recording;

/// <summary>Who a recorded limit version is attributed to, in which role, and why (docs/gmp.md "Limit changes under change
/// control"): the approver of the limit change that put it in force, the person named as the facility file's author at
/// start, or the service account where nobody is known (and then the reason says so).</summary>
public sealed record LimitAttribution(string By, string Role, string Reason);
