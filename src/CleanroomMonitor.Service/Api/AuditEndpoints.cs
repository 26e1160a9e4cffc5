using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Service.Api;

public static class AuditEndpoints
{
    /// <summary>The audit trail (GET /api/audit?entity=&amp;from=&amp;to=) and its hash-chain check (GET /api/audit/verify).</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit");
        group.MapGet("/", async (string? entity, DateTimeOffset? from, DateTimeOffset? to, IRecordStore records, CancellationToken ct) =>
            TypedResults.Ok(await records.AuditTrailAsync(entity, from, to, ct)));
        group.MapGet("/verify", async (IRecordStore records, CancellationToken ct) => TypedResults.Ok(await records.VerifyAuditTrailAsync(ct)));
        return app;
    }
}
