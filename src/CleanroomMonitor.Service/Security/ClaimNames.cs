namespace CleanroomMonitor.Service.Security;

/// <summary>The claims the service puts on a signed-in principal besides name and roles.</summary>
public static class ClaimNames
{
    public const string UserId = "cleanroom:user_id";
    public const string PrintedName = "cleanroom:printed_name";
    public const string Tenant = "cleanroom:tenant";

    /// <summary>How the principal authenticated: "password" (a person) or "token" (a machine client).</summary>
    public const string Method = "cleanroom:method";

    /// <summary>The account's <c>SessionVersion</c> when the session began; a session whose version is no longer the
    /// account's is refused (<see cref="SessionValidation"/>).</summary>
    public const string SessionVersion = "cleanroom:session_version";

    /// <summary>A random id of this sign-in session (new at every sign-in and password change): the continuous signing
    /// session of Part 11 §11.200(a)(1) is kept per session id (<see cref="SigningSessions"/>).</summary>
    public const string SessionId = "cleanroom:session_id";

    /// <summary>Present ("true") while the password must be changed before anything else (set by an admin, or expired).</summary>
    public const string PasswordChangeDue = "cleanroom:password_change_due";
}
