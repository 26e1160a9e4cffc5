using System.Security.Claims;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Api;

/// <summary>Starting and ending batches on behalf of a person or a machine, shared by POST /api/batches and the batch
/// pages so that both check tenants and leases, validate (through the engine's <see cref="BatchBook"/>, as MES messages
/// are) and audit in exactly the same way.</summary>
public sealed class BatchControl(TenantScopes scopes, IUserStore users, IRecordStore records, FacilityDefinition facility, ExcursionEngine engine,
    TimeProvider time)
{
    /// <summary>The longest reason accepted into the audit trail.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>The rooms the principal may start a batch in now, each with the tenants it is leased to now (empty: not
    /// leased, the facility's staff choose the tenant). A tenant's users get only the rooms their tenant rents.</summary>
    public async Task<IReadOnlyList<BatchRoomChoice>> RoomChoicesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(user, cancellationToken);
        var leases = await users.LeasesAsync(cancellationToken);
        var now = time.GetUtcNow();
        return facility.Rooms.Where(r => scope.HasRoomNow(r.Id, now))
            .Select(r => new BatchRoomChoice(r, LesseesNow(leases, r.Id, now)))
            .ToList();
    }

    public async Task<ChangeOutcome<Batch>> StartAsync(StartBatchRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Reason is { Length: > MaxReasonLength })
        {
            return ChangeOutcome.Fail<Batch>(ChangeFailure.Invalid, $"the reason may have at most {MaxReasonLength} characters");
        }
        var scope = await scopes.ForAsync(user, cancellationToken);
        var now = time.GetUtcNow();
        var rooms = request.Rooms ?? [];
        if (!scope.IsFacilityStaff)
        {
            // A tenant starts batches for itself, in rooms it rents now.
            if (!string.IsNullOrWhiteSpace(request.Tenant) && request.Tenant != scope.Tenant)
            {
                return ChangeOutcome.Fail<Batch>(ChangeFailure.Forbidden, $"a user of {scope.Tenant} cannot start a batch for {request.Tenant}");
            }
            var notLeased = rooms.Where(r => !scope.HasRoomNow(new RoomId(r), now)).ToList();
            if (notLeased.Count > 0)
            {
                return ChangeOutcome.Fail<Batch>(ChangeFailure.Forbidden, $"room(s) not leased to {scope.Tenant}: {string.Join(", ", notLeased)}");
            }
            request = request with { Tenant = scope.Tenant };
        }
        else
        {
            // The facility's staff start batches for whichever company rents the room now: a leased room's batch belongs
            // to its lessee, so its excursions and report reach that tenant and no other.
            var leases = await users.LeasesAsync(cancellationToken);
            var lessees = rooms.Where(r => r is not null).Select(r => (Room: r, Tenants: LesseesNow(leases, new RoomId(r), now))).Where(l => l.Tenants.Count > 0).ToList();
            if (string.IsNullOrWhiteSpace(request.Tenant) && lessees.SelectMany(l => l.Tenants).Distinct(StringComparer.Ordinal).ToList() is [var only])
            {
                request = request with { Tenant = only };
            }
            var wrong = lessees.Where(l => !l.Tenants.Contains(request.Tenant?.Trim() ?? "")).ToList();
            if (wrong.Count > 0)
            {
                return ChangeOutcome.Fail<Batch>(ChangeFailure.Invalid,
                    string.Join("; ", wrong.Select(l => $"room {l.Room} is leased to {string.Join(" and ", l.Tenants)} now")) + $": a batch there cannot belong to '{request.Tenant}'");
            }
        }
        var (batch, problem) = await engine.StartBatchAsync(
            new BatchStart(request.Number?.Trim(), request.Product?.Trim(), request.Tenant?.Trim(), rooms, request.Process, request.StartedAt, user.Identity!.Name!),
            Blank(request.Reason), cancellationToken);
        return ChangeOutcome.From(batch, problem);
    }

    /// <summary>Another tenant's batch is "not found": its existence is not disclosed.</summary>
    public async Task<ChangeOutcome<Batch>> EndAsync(string number, EndBatchRequest? request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request?.Reason is { Length: > MaxReasonLength })
        {
            return ChangeOutcome.Fail<Batch>(ChangeFailure.Invalid, $"the reason may have at most {MaxReasonLength} characters");
        }
        var scope = await scopes.ForAsync(user, cancellationToken);
        if (!scope.IsFacilityStaff && !(await records.BatchesAsync(cancellationToken)).Any(b => b.Number == number && scope.CanSee(b)))
        {
            return ChangeOutcome.Fail<Batch>(ChangeFailure.NotFound, $"no batch {number}");
        }
        var (batch, problem) = await engine.EndBatchAsync(new BatchEnd(number, request?.EndedAt, user.Identity!.Name!), Blank(request?.Reason), cancellationToken);
        return ChangeOutcome.From(batch, problem);
    }

    private static List<string> LesseesNow(IReadOnlyList<RoomLease> leases, RoomId room, DateTimeOffset now) =>
        leases.Where(l => l.Room == room && l.Overlaps(now, now)).Select(l => l.Tenant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
