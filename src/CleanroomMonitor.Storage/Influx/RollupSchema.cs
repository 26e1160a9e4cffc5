namespace CleanroomMonitor.Storage.Influx;

/// <summary>The measurements of the hourly roll-ups of <c>reading</c> (docs/reports.md, docs/influxdb-schema.md). They live
/// beside the raw points so that one InfluxDB backup holds both, and so the report can read them with the same client.</summary>
public static class RollupSchema
{
    /// <summary>One point per site, sensor, parameter and hour: count, min, max, sum and counts beyond each limit value.</summary>
    public const string Rows = "reading_1h";

    /// <summary>One point per site and hour, written after the hour's rows: the hour was rolled up (an hour without rows
    /// for a sensor then means the sensor sent nothing, rather than "not computed").</summary>
    public const string Hours = "rollup_hour";

    /// <summary>One point per hour that received readings after it ended: its roll-up, if any, must not be trusted
    /// until it is recomputed. Written before the readings themselves, removed only by the recomputation.</summary>
    public const string Dirty = "rollup_dirty";

    /// <summary>The length of a roll-up bucket.</summary>
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>The start of the hour holding <paramref name="at"/> (UTC).</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % Hour.Ticks, TimeSpan.Zero);
}
