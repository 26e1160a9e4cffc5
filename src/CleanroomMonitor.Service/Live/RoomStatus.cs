namespace CleanroomMonitor.Service.Live;

/// <summary>A room's state on the board, readable from across the room: a word as well as a colour (WCAG 1.4.1), a
/// rank for the board's order, and why the room is not fully monitored when it is not.</summary>
/// <param name="Key">action, alert, open, nodata, partial or normal: the tile's CSS class and live.js's key.</param>
/// <param name="Rank">0 (action) to 4 (normal): the board shows the lowest rank first.</param>
/// <param name="Word">What the tile's band says: "ACTION", "ALERT", "OPEN EXCURSION", "NO DATA", "NOT FULLY MONITORED", "NORMAL".</param>
/// <param name="Monitoring">Why the room is not fully monitored ("pc1 out of service; th2 no data"), whatever its rank; null when every
/// sensor parameter is in service and reporting.</param>
public sealed record RoomStatus(string Key, int Rank, string Word, string? Monitoring)
{
    public const int ActionRank = 0;
    public const int AlertRank = 1;
    public const int OpenRank = 2;
    public const int NotFullyMonitoredRank = 3;
    public const int NormalRank = 4;

    /// <summary>Rooms with an active alert or action excursion: the alarm strip at the top of the board.</summary>
    public bool IsInAlarm => Rank <= AlertRank;

    /// <summary>The status of a room: an active action excursion before an active alert, before excursions still open
    /// (not closed), before a room that is not fully monitored (a sensor out of service, without data, stale or
    /// faulted, or a declared non-monitoring window), before a normal room. The levels are the severity order the
    /// GMP issue asked for: an alarm must never sit below green rooms.</summary>
    /// <param name="level">The worst level among the room's active excursions: action, alert or normal.</param>
    /// <param name="openExcursions">The room's excursions not yet closed (as the tile counts them).</param>
    /// <param name="notMonitored">The room is in a declared non-monitoring window.</param>
    public static RoomStatus Of(string level, int openExcursions, bool notMonitored, IReadOnlyList<ParameterTile> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var monitoring = MonitoringGaps(notMonitored, parameters);
        return level switch
        {
            "action" => new("action", ActionRank, "ACTION", monitoring),
            "alert" => new("alert", AlertRank, "ALERT", monitoring),
            _ when openExcursions > 0 => new("open", OpenRank, openExcursions == 1 ? "OPEN EXCURSION" : "OPEN EXCURSIONS", monitoring),
            _ when parameters.Count > 0 && parameters.All(p => p.Level == "nodata") => new("nodata", NotFullyMonitoredRank, "NO DATA", monitoring),
            _ when monitoring is not null => new("partial", NotFullyMonitoredRank, "NOT FULLY MONITORED", monitoring),
            _ => new("normal", NormalRank, "NORMAL", null),
        };
    }

    /// <summary>"pc1 out of service; th2 temperature no data": per sensor and reason, naming the parameters only when
    /// not all of the sensor's are affected.</summary>
    private static string? MonitoringGaps(bool notMonitored, IReadOnlyList<ParameterTile> parameters)
    {
        var gaps = new List<string>();
        if (notMonitored)
        {
            gaps.Add("non-monitoring window declared");
        }
        foreach (var sensor in parameters.GroupBy(p => p.Sensor))
        {
            foreach (var reason in sensor.Where(p => Gap(p) is not null).GroupBy(p => Gap(p)!))
            {
                gaps.Add(reason.Count() == sensor.Count()
                    ? $"{sensor.Key} {reason.Key}"
                    : $"{sensor.Key} {string.Join(", ", reason.Select(p => p.Label))} {reason.Key}");
            }
        }
        return gaps.Count == 0 ? null : string.Join("; ", gaps);
    }

    private static string? Gap(ParameterTile parameter) => parameter.Level switch
    {
        "oos" => "out of service",
        "nodata" => "no data",
        "fault" => "instrument fault",
        _ when parameter.IsStale => "no recent data",
        _ => null,
    };
}
