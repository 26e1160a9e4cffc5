namespace CleanroomMonitor.Core.Notifications;

/// <summary>A person notifications reach: how (an email address, a phone number in E.164 form) and whose rooms they
/// may hear about. <paramref name="Tenant"/> is the company they work for when it rents rooms; null for the facility's
/// own staff, who may be told about any room.</summary>
/// <param name="Id">The id rosters and escalation steps name them by.</param>
/// <param name="Name">The printed name, as the delivery record shows it.</param>
/// <param name="UserName">The user account of the same person, when they sign in (their acknowledgements are theirs).</param>
public sealed record Contact(string Id, string Name, string? Email, string? Phone, string? Tenant, string? UserName = null);
