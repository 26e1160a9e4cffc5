namespace CleanroomMonitor.Service.Security;

/// <summary>POST /api/admin/users body, and the add-admin command's input.</summary>
public sealed record NewUser(string? UserName, string? PrintedName, IReadOnlyList<string>? Roles, string? Tenant, string? Password);
