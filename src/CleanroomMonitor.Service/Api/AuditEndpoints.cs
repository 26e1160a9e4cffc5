using System.Security.Claims;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Api;

public static class AuditEndpoints
{
    /// <summary>The audit trail (GET /api/audit?entity=&amp;from=&amp;to=) and its hash-chain check (GET /api/audit/verify).</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Read);
        group.MapGet("/", ListAsync);
        group.MapGet("/verify", async (IRecordStore records, CancellationToken ct) => TypedResults.Ok(await records.VerifyAuditTrailAsync(ct)));
        return app;
    }

    private static async Task<IResult> ListAsync(string? entity, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, TenantScopes scopes,
        IRecordStore records, CancellationToken ct) =>
        TypedResults.Ok(await VisibleTrailAsync(entity, from, to, user, scopes, records, ct));

    /// <summary>A tenant's users see the entries of their own batches, of the excursions they can see, and of their own account.</summary>
    public static async Task<IReadOnlyList<AuditRecord>> VisibleTrailAsync(string? entity, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user,
        TenantScopes scopes, IRecordStore records, CancellationToken ct)
    {
        var trail = await records.AuditTrailAsync(entity, from, to, ct);
        var scope = await scopes.ForAsync(user, ct);
        if (scope.IsFacilityStaff)
        {
            return trail;
        }
        var batches = await ExcursionEndpoints.TenantBatchesAsync(scope, records, ct);
        var excursions = (await records.ExcursionsAsync(new ExcursionQuery(Limit: 100_000), ct))
            .Where(e => scope.CanSee(e, (IReadOnlyCollection<string>)batches)).Select(e => e.Id.ToString("D")).ToHashSet();
        var self = user.FindFirstValue(ClaimNames.UserId);
        return trail.Where(r => batches.Contains(r.Entry.EntityId) || excursions.Contains(r.Entry.EntityId) || r.Entry.EntityId == self).ToList();
    }
}
