namespace CleanroomMonitor.Service.Security;

/// <summary>Endpoint metadata: a wall display's session may read this endpoint (<see cref="DisplaySessions.UseDisplayGate"/>).
/// On the board ("/"), the floor plan page and /api/live/*.</summary>
public sealed class DisplayAccess
{
    public static DisplayAccess Allowed { get; } = new();
}
