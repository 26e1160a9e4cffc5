namespace CleanroomMonitor.Service.Security;

/// <summary>POST /api/admin/users body, the admin page's form, and the add-admin command's input. <c>reason</c> goes into
/// the audit trail (required through the API and the pages; the command line records its own).</summary>
public sealed record NewUser(string? UserName, string? PrintedName, IReadOnlyList<string>? Roles, string? Tenant, string? Password, string? Reason = null);
