namespace CleanroomMonitor.Core.Security;

/// <summary>The names people read for the roles, wherever a role is printed (header, user lists, signatures, audit
/// trail): "Administrator" rather than the enum's "Admin", and a role's name rather than a generic "user".</summary>
public static class RoleNames
{
    public static string Display(Role role) => role switch
    {
        Role.Viewer => "Viewer",
        Role.Operator => "Operator",
        Role.QA => "QA",
        Role.Admin => "Administrator",
        _ => role.ToString(),
    };

    /// <summary>A stored role text (one role, or several comma-separated as the audit trail keeps them) in readable
    /// form; a text that names no role ("system", "unknown", a token's name) is returned as it is.</summary>
    public static string Display(string? stored) => string.IsNullOrWhiteSpace(stored)
        ? ""
        : string.Join(", ", stored.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(r => Enum.TryParse<Role>(r, ignoreCase: false, out var role) && Enum.IsDefined(role) ? Display(role) : r));

    public static string Display(IEnumerable<Role> roles) => string.Join(", ", roles.Select(Display));
}
