using System.Security.Claims;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Api;

/// <summary>Operation and non-monitoring windows of a room, shared by /api/rooms/{room}/windows and the room page: the
/// same tenant rule (a tenant acts only in rooms it rents now; another room is "not found"), the same validation and
/// the same audit entries with the reason the person gave (Annex 1 9.19-9.20: declared and documented, never silent).</summary>
public sealed class RoomWindows(TenantScopes scopes, ExcursionEngine engine, EngineView view, TimeProvider time)
{
    /// <summary>The windows of <paramref name="room"/> known to the engine, latest start first; null when the room is
    /// unknown or not the principal's.</summary>
    public async Task<IReadOnlyList<RoomWindow>?> ListAsync(string room, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await scopes.MayActInRoomAsync(user, room, time.GetUtcNow(), cancellationToken))
        {
            return null;
        }
        var id = new RoomId(room);
        return view.Current.Windows.Where(w => w.Room == id).OrderByDescending(w => w.From).ToList();
    }

    public async Task<ChangeOutcome<RoomWindow>> DeclareAsync(string room, WindowRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await scopes.MayActInRoomAsync(user, room, time.GetUtcNow(), cancellationToken))
        {
            return ChangeOutcome.Fail<RoomWindow>(ChangeFailure.NotFound, $"unknown room '{room}'");
        }
        RoomWindowKind? kind = request.Kind switch { "operation" => RoomWindowKind.Operation, "non-monitoring" => RoomWindowKind.NonMonitoring, _ => null };
        var from = request.From ?? time.GetUtcNow();
        if (kind is null || request.To is not { } to || to <= from || string.IsNullOrWhiteSpace(request.Reason))
        {
            return ChangeOutcome.Fail<RoomWindow>(ChangeFailure.Invalid, "kind (\"operation\" or \"non-monitoring\"), to after from, and a reason are required");
        }
        if (request.Reason.Length > BatchControl.MaxReasonLength)
        {
            return ChangeOutcome.Fail<RoomWindow>(ChangeFailure.Invalid, $"the reason may have at most {BatchControl.MaxReasonLength} characters");
        }
        var window = await engine.DeclareWindowAsync(
            new RoomWindow(Guid.CreateVersion7(time.GetUtcNow()), new RoomId(room), kind.Value, from, to, request.Reason.Trim(), user.Identity!.Name!), cancellationToken);
        return ChangeOutcome.Done(window);
    }

    /// <summary>Ends an open or planned window now. A window of another room (or another tenant's) is "not found".</summary>
    public async Task<ChangeOutcome<RoomWindow>> EndAsync(string room, Guid id, ReasonRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await ListAsync(room, user, cancellationToken) is not { } windows || windows.FirstOrDefault(w => w.Id == id) is not { } window)
        {
            return ChangeOutcome.Fail<RoomWindow>(ChangeFailure.NotFound, $"no window {id} in room '{room}'");
        }
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > BatchControl.MaxReasonLength)
        {
            return ChangeOutcome.Fail<RoomWindow>(ChangeFailure.Invalid, "a reason (it goes into the audit trail) is required");
        }
        return await engine.EndWindowAsync(window.Id, user.Identity!.Name!, request.Reason.Trim(), cancellationToken) is { } ended
            ? ChangeOutcome.Done(ended)
            : ChangeOutcome.Fail<RoomWindow>(ChangeFailure.Conflict, "the window is over already");
    }
}
