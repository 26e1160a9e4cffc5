using System.Security.Claims;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Service.Live;

namespace CleanroomMonitor.Service.Api;

public static class ReadingEndpoints
{
    /// <summary>GET /api/readings/latest[?room=id]: the latest accepted value of every sensor parameter.</summary>
    public static IEndpointRouteBuilder MapReadingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/readings/latest", async (string? room, ClaimsPrincipal user, TenantScopes scopes, LatestValues latest, TimeProvider time, CancellationToken ct) =>
        {
            var scope = await scopes.ForAsync(user, ct);
            var now = time.GetUtcNow();
            return (room is null ? latest.All() : latest.InRoom(new RoomId(room)))
                .Where(r => scope.HasRoomNow(r.Room, now))
                .Select(r => new LatestReading(r.Sensor.Value, r.Room.Value, r.Parameter.WireName(), r.Value, r.Parameter.Info().Unit,
                    r.Timestamp, r.TimeSource.ToString(), r.Count, r.VolumeLitres, r.Faults.ToString()))
                .ToList();
        }).RequireAuthorization(Policies.Read);
        return app;
    }
}

public sealed record LatestReading(string Sensor, string Room, string Parameter, double Value, string Unit, DateTimeOffset Timestamp,
    string TimeSource, long? Count, double? VolumeLitres, string Faults);
