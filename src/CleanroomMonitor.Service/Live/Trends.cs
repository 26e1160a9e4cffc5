using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.Live;

/// <summary>Trend data for the room and excursion pages: InfluxDB aggregates the raw readings into at most
/// <see cref="MaxPoints"/> buckets per series (GROUP BY time()), so a chart of hours or days stays small.</summary>
public sealed class Trends(InfluxClient influx, IRecordStore records)
{
    public const int MaxPoints = 240;

    /// <summary>What the charts draw behind the series: the room's state periods over [from, to] from the recorded state
    /// changes (the limits in force follow them, <see cref="RoomStatePeriod.Over"/>), and the batches in the room that
    /// overlap the period and that <paramref name="visible"/> lets this reader see (a tenant sees its own batch numbers only).</summary>
    public async Task<TrendBackdrop> BackdropAsync(RoomId room, DateTimeOffset from, DateTimeOffset to, Func<Batch, bool> visible,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visible);
        var states = RoomStatePeriod.Over(room, await records.RoomStateChangesAsync(cancellationToken), from, to);
        var batches = (await records.BatchesAsync(cancellationToken)).Where(b => b.Overlaps(room, from, to) && visible(b)).OrderBy(b => b.StartedAt).ToList();
        return new TrendBackdrop(states, batches);
    }

    /// <summary>Mean, minimum and maximum per bucket of every valid reading (faults = 0) in the room, optionally of one
    /// sensor parameter, between <paramref name="from"/> and <paramref name="to"/>.</summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused the query.</exception>
    /// <exception cref="HttpRequestException">InfluxDB is unreachable.</exception>
    public async Task<IReadOnlyList<TrendSeries>> QueryAsync(RoomId room, SensorId? sensor, Parameter? parameter, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var bucket = TimeSpan.FromSeconds(Math.Max(10, Math.Ceiling((to - from).TotalSeconds / MaxPoints)));
        var where = new StringBuilder().Append(CultureInfo.InvariantCulture, $"\"room\" = '{InfluxQl.Escape(room.Value)}'");
        if (sensor is { } s)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND \"sensor\" = '{InfluxQl.Escape(s.Value)}'");
        }
        if (parameter is { } p)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND \"parameter\" = '{InfluxQl.Escape(p.WireName())}'");
        }
        var query = string.Create(CultureInfo.InvariantCulture,
            $"SELECT mean(\"value\") AS \"mean\", min(\"value\") AS \"min\", max(\"value\") AS \"max\" FROM \"reading\" WHERE {where} AND \"faults\" = 0 " +
            $"AND time >= '{from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}' AND time <= '{to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}' " +
            $"GROUP BY time({(long)bucket.TotalSeconds}s), \"sensor\", \"parameter\" fill(none)");
        var result = await influx.QueryAsync(query, cancellationToken);
        var series = new List<TrendSeries>();
        foreach (var found in result.Series)
        {
            if (!found.Tags.TryGetValue("sensor", out var sensorTag) || !found.Tags.TryGetValue("parameter", out var parameterTag)
                || !ParameterCatalog.TryParse(parameterTag, out var info))
            {
                continue;
            }
            var points = new List<TrendPoint>(found.Values.Count);
            for (var row = 0; row < found.Values.Count; row++)
            {
                points.Add(new TrendPoint(DateTimeOffset.FromUnixTimeMilliseconds(found.Get(row, "time").GetInt64()),
                    found.Get(row, "mean").GetDouble(), found.Get(row, "min").GetDouble(), found.Get(row, "max").GetDouble()));
            }
            series.Add(new TrendSeries(new SensorId(sensorTag), info.Parameter, bucket, points));
        }
        return series;
    }
}

/// <summary>The room states and batches of a chart's period, oldest first.</summary>
public sealed record TrendBackdrop(IReadOnlyList<RoomStatePeriod> States, IReadOnlyList<Batch> Batches);

/// <param name="Bucket">The GROUP BY time() interval.</param>
public sealed record TrendSeries(SensorId Sensor, Parameter Parameter, TimeSpan Bucket, IReadOnlyList<TrendPoint> Points);

public sealed record TrendPoint(DateTimeOffset At, double Mean, double Min, double Max);
