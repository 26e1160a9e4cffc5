using System.Security.Claims;
using CleanroomMonitor.Storage.Influx;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
        app.MapGet("/api/readings", HistoryAsync).RequireAuthorization(Policies.Read);
        return app;
    }

    /// <summary>GET /api/readings?sensor=id&amp;parameter=name&amp;from=…&amp;to=…: the readings stored for one sensor parameter,
    /// oldest first, at most <see cref="ReadingHistory.MaxReadings"/> (then <c>truncated</c>). A tenant sees the samples of
    /// the times it leased the sensor's room.</summary>
    private static async Task<Results<Ok<StoredReadings>, NotFound<ProblemDetails>, ProblemHttpResult>> HistoryAsync(string? sensor, string? parameter,
        DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, TenantScopes scopes, FacilityDefinition facility, ReadingHistory history,
        CancellationToken ct)
    {
        if (sensor is null || parameter is null || from is null || to is null)
        {
            return TypedResults.Problem("sensor, parameter, from and to are required (from and to as ISO 8601 times with an offset)", statusCode: 400);
        }
        if (from > to)
        {
            return TypedResults.Problem($"from ({from:O}) is after to ({to:O})", statusCode: 400);
        }
        var scope = await scopes.ForAsync(user, ct);
        if (!facility.TryGetSensor(new SensorId(sensor), out var found) || ParameterOf(parameter) is not { } measured || !found.Parameters.Contains(measured))
        {
            return TypedResults.NotFound(new ProblemDetails { Title = $"no sensor '{sensor}' measuring '{parameter}' in the facility", Status = 404 });
        }
        try
        {
            var (readings, truncated) = await history.QueryAsync(found.Id, measured, from.Value, to.Value, ct);
            var visible = readings.Where(r => scope.HasRoomNow(found.Room, r.At)).ToList();
            return TypedResults.Ok(new StoredReadings(found.Id.Value, found.Room.Value, measured.WireName(), measured.Info().Unit, visible, truncated));
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            return TypedResults.Problem("InfluxDB did not answer the query: " + ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static Parameter? ParameterOf(string name) => ParameterCatalog.TryParse(name, out var info) ? info.Parameter : null;
}

/// <param name="Truncated">More readings were stored in the period than one answer carries: ask again from the last one.</param>
public sealed record StoredReadings(string Sensor, string Room, string Parameter, string Unit, IReadOnlyList<StoredReading> Readings, bool Truncated);

public sealed record LatestReading(string Sensor, string Room, string Parameter, double Value, string Unit, DateTimeOffset Timestamp,
    string TimeSource, long? Count, double? VolumeLitres, string Faults);
