using System.Diagnostics.Metrics;
using System.Security.Claims;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>What a trend report request names (room and period), checked the same way for the API and the page: an
/// unknown room, or one the tenant did not hold for the whole period, is "not found"; a bad period is a 400 with the reason;
/// InfluxDB not answering is a 503 (a report without its figures must not look complete). Every refusal is counted and logged.</summary>
public sealed class TrendReportAccess(FacilityDefinition facility, TenantScopes scopes, TrendReportBuilder builder, TimeProvider time, IMeterFactory meters,
    ILogger<TrendReportAccess> logger)
{
    private readonly Counter<long> _refused = meters.Create("CleanroomMonitor.Reports")
        .CreateCounter<long>("cleanroom.trend_reports.refused", "{request}", "Trend report requests refused, by reason");

    /// <summary>The room and period, or the status and message of the refusal.</summary>
    public async Task<TrendTarget> ResolveAsync(string room, string? month, string? from, string? to, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (period, error) = TrendPeriod.Parse(month, from, to, facility.Site.TimeZone, time.GetUtcNow());
        if (period is null)
        {
            return Refuse(room, "period", StatusCodes.Status400BadRequest, error!);
        }
        if (!facility.TryGetRoom(new RoomId(room), out var found)
            || !(await scopes.ForAsync(user, cancellationToken)).HadRoomThroughout(found.Id, period.From, period.To))
        {
            return Refuse(room, "room", StatusCodes.Status404NotFound, $"room {room} not found");
        }
        return new TrendTarget(found, period, null, null);
    }

    /// <summary>The report, or the status and message of the refusal.</summary>
    public async Task<(TrendReport? Report, TrendTarget Target)> BuildAsync(string room, string? month, string? from, string? to, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var target = await ResolveAsync(room, month, from, to, user, cancellationToken);
        if (target.Room is null)
        {
            return (null, target);
        }
        try
        {
            return (await builder.BuildAsync(target.Room, target.Period!, user.Identity?.Name ?? "unknown", cancellationToken), target);
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            return (null, Refuse(room, "influx", StatusCodes.Status503ServiceUnavailable, $"The trend report's figures could not be read from InfluxDB: {ex.Message}"));
        }
    }

    private TrendTarget Refuse(string room, string reason, int status, string message)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        logger.TrendReportRefused(room, message);
        return new TrendTarget(null, null, status, message);
    }
}
