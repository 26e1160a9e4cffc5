namespace CleanroomMonitor.Service.Security;

/// <summary>Why <see cref="UserAccounts.SignAsync"/> gave no signature.</summary>
public enum SignatureRefusal
{
    None,

    /// <summary>The first signature of a continuous signing session came without the user id: a bad request (400),
    /// not a failed attempt.</summary>
    UserIdRequired,

    /// <summary>A wrong user id or password, an account that cannot sign, or a token (401).</summary>
    Refused,
}
