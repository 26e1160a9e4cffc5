using System.Security.Claims;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Buffer;

namespace CleanroomMonitor.Service.Api;

public static class IngestEndpoints
{
    /// <summary>GET /api/ingest: what was accepted, what was refused and why, the durable buffer's backlog, and the readings
    /// received twice (repeats, not stored again) or too late for the same-instant check (docs/mqtt.md). A tenant's user
    /// gets the counts only: the latest rejection's origin (a topic or device of any room) and its detail (which may quote
    /// the payload) belong to the whole site, so only the facility's staff see them.</summary>
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ingest", async (ClaimsPrincipal user, TenantScopes scopes, IngestStatistics statistics, DurableBuffer buffer, CancellationToken ct) =>
        {
            var staff = (await scopes.ForAsync(user, ct)).IsFacilityStaff;
            return TypedResults.Ok(new IngestStatus(
                statistics.Accepted,
                statistics.RejectedTotal,
                statistics.Rejections().Where(r => r.Count > 0)
                    .Select(r => new RejectionStatus(r.Reason.ToString(), r.Count, staff ? r.Latest?.Origin : null, staff ? r.Latest?.Detail : null)).ToList(),
                new BufferStatus(buffer.PendingRecords, buffer.PendingBytes, buffer.OldestPendingAge),
                statistics.Repeats,
                statistics.LateUnchecked));
        }).RequireAuthorization(Policies.Read);
        return app;
    }
}

public sealed record IngestStatus(long Accepted, long Rejected, IReadOnlyList<RejectionStatus> Rejections, BufferStatus Buffer, long Repeats = 0,
    long LateUnchecked = 0);

public sealed record RejectionStatus(string Reason, long Count, string? LatestOrigin, string? LatestDetail);

public sealed record BufferStatus(long PendingRecords, long PendingBytes, TimeSpan OldestPendingAge);
