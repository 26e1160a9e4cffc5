namespace CleanroomMonitor.Core.Security;

/// <summary>What a credential of the token table is for.</summary>
public enum ApiTokenKind
{
    /// <summary>A machine client (a MES) sending <c>Authorization: Bearer</c>.</summary>
    Client,

    /// <summary>A wall display: opened once in a browser at /display/{secret}, it gives that browser a read-only session
    /// limited to the live board and the floor plan, without idle timeout, until it is revoked. Never a bearer token.</summary>
    Display,
}
