namespace CleanroomMonitor.Service.Security;

/// <summary>The claims the service puts on a signed-in principal besides name and roles.</summary>
public static class ClaimNames
{
    public const string UserId = "cleanroom:user_id";
    public const string PrintedName = "cleanroom:printed_name";
    public const string Tenant = "cleanroom:tenant";

    /// <summary>How the principal authenticated: "password" (a person) or "token" (a machine client).</summary>
    public const string Method = "cleanroom:method";
}
