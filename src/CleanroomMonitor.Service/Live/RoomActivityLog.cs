using System.Globalization;
using CleanroomMonitor.Core.Facility;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Live;

/// <summary>Writes one line per room per interval: how many readings arrived and the latest value of each parameter,
/// so an engineer watching the console sees every room alive (or not).</summary>
internal sealed class RoomActivityLog(FacilityDefinition facility, LatestValues latest, IOptions<RoomActivityOptions> options, TimeProvider time,
    ILogger<RoomActivityLog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval <= TimeSpan.Zero)
        {
            return;
        }
        var previous = facility.Rooms.ToDictionary(r => r.Id, r => latest.CountIn(r.Id));
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!logger.IsEnabled(LogLevel.Information))
                {
                    continue;
                }
                foreach (var room in facility.Rooms)
                {
                    var count = latest.CountIn(room.Id);
                    var values = string.Join(", ", latest.InRoom(room.Id).Select(r =>
                        $"{r.Sensor} {r.Parameter.WireName()}={r.Value.ToString("0.##", CultureInfo.InvariantCulture)}"));
                    var grade = room.Grade?.ToString() ?? "unclassified";
                    var arrived = count - previous[room.Id];
                    logger.RoomActivity(room.Id.Value, grade, arrived, options.Value.Interval, values.Length == 0 ? "no data yet" : values);
                    previous[room.Id] = count;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
