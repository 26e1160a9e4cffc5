using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Reports;

/// <summary>
/// Keeps the hourly roll-ups of <c>reading</c> that the batch report reads for the whole hours of its period
/// (docs/reports.md, "Roll-ups"): every hour that ended at least <see cref="ReportOptions.RollupDelay"/> ago and has no
/// roll-up yet, and every hour the <see cref="RollupLedger"/> marked dirty because readings arrived after it ended, is
/// aggregated inside InfluxDB and written to <see cref="RollupSchema.Rows"/>. The service computes them rather than an
/// InfluxDB continuous query because a CQ never revisits an hour outside its RESAMPLE window, so a back-filled reading
/// would leave it silently stale.
/// </summary>
public sealed class HourlyRollups(FacilityDefinition facility, InfluxClient influx, RollupLedger ledger, IOptions<ReportOptions> options,
    TimeProvider time, ILogger<HourlyRollups> logger) : BackgroundService
{
    // One pass at a time: the background loop and an explicit catch-up (benchmark, tests) must not compute the same hour twice at once.
    private readonly SemaphoreSlim _pass = new(1, 1);

    public bool IsEnabled => options.Value.UseRollups && ledger.IsEnabled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.RollupPoll;
        if (!IsEnabled || poll == TimeSpan.Zero)
        {
            return;
        }
        try
        {
            while (true)
            {
                // Wait first: after a restart the forwarder drains the durable buffer, and hours rolled up before it has
                // would only be made dirty again by the backlog.
                await Task.Delay(poll, time, stoppingToken);
                try
                {
                    await CatchUpAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is InfluxQueryException or InfluxWriteException or HttpRequestException or TimeoutException)
                {
                    logger.RollupFailed(ex);   // nothing is trusted that was not written: reports fall back to raw points
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: an hour half rolled up has no rollup_hour point, or still its dirty marker, so it is not used.
        }
    }

    /// <summary>One pass: rolls up the hours due (newest first, so running batches benefit first) and recomputes the
    /// dirty ones. Returns how many hours now have a trustworthy roll-up.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return 0;
        }
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var started = time.GetTimestamp();
            var settings = options.Value;
            var now = time.GetUtcNow();
            var newest = RollupSchema.HourOf(now - settings.RollupDelay - RollupSchema.Hour);
            var oldest = RollupSchema.HourOf(now - settings.RollupBackfill);
            var state = await influx.QueryAsync(
                $"SELECT \"rows\" FROM {Quote(RollupSchema.Hours)} WHERE \"site\" = {ReadingAggregates.Literal(facility.Site.Id)} " +
                $"AND {RollupLedger.Period(oldest, newest + RollupSchema.Hour)}; " +
                $"SELECT \"pending\" FROM {Quote(RollupSchema.Dirty)} WHERE time < '{(newest + RollupSchema.Hour).UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}'",
                cancellationToken);
            var done = Times(state, RollupSchema.Hours);
            var dirty = Times(state, RollupSchema.Dirty);
            var due = new SortedSet<DateTimeOffset>(dirty);
            for (var hour = oldest; hour <= newest; hour += RollupSchema.Hour)
            {
                if (!done.Contains(hour))
                {
                    due.Add(hour);
                }
            }
            int rolled = 0, recomputed = 0, deferred = 0;
            // Generations first, then the look at which hours hold readings: a write after this moment changes the generation.
            var begun = new List<(DateTimeOffset Hour, long Generation)>();
            foreach (var hour in due.Reverse())
            {
                if (ledger.TryBegin(hour, out var generation))
                {
                    begun.Add((hour, generation));
                }
                else
                {
                    deferred++;   // a write to it is in flight: next pass
                }
            }
            var empty = await EmptyHoursAsync(begun.Select(b => b.Hour).Where(h => !dirty.Contains(h)).ToList(), cancellationToken);
            var quiet = begun.Where(b => empty.Contains(b.Hour)).ToList();
            if (quiet.Count > 0)
            {
                await influx.WriteAsync(HourMarkers(quiet.Select(q => q.Hour), 0), cancellationToken);
            }
            foreach (var (hour, generation) in begun)
            {
                if (!empty.Contains(hour))
                {
                    await RollUpAsync(hour, cancellationToken);
                }
                var wasDirty = dirty.Contains(hour);
                if (!wasDirty && ledger.TryBegin(hour, out var after) && after == generation)
                {
                    rolled++;   // never dirty and untouched meanwhile: there is no marker to remove
                }
                else if (await ledger.CompleteAsync(hour, generation, cancellationToken))
                {
                    rolled++;
                    recomputed += wasDirty ? 1 : 0;
                }
                else
                {
                    deferred++;   // readings arrived while it was computed: the marker stays, the next pass recomputes it
                }
            }
            if (due.Count > 0)
            {
                logger.RollupPass(rolled, recomputed, deferred, time.GetElapsedTime(started));
            }
            return rolled;
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>Aggregates one hour of every series of the site inside InfluxDB and writes its rows, then the hour's
    /// <see cref="RollupSchema.Hours"/> point (the hour counts as rolled up only once every row is in).</summary>
    internal async Task RollUpAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var site = ReadingAggregates.Literal(facility.Site.Id);
        var period = RollupLedger.Period(hour, hour + RollupSchema.Hour);
        var book = new LimitBook(facility);
        var wanted = new Dictionary<(string Sensor, string Parameter), List<string>>();
        var counts = new SortedSet<(string Parameter, bool High, decimal Value)>();
        foreach (var sensor in facility.Sensors)
        {
            foreach (var parameter in sensor.Parameters)
            {
                var (highs, lows) = RollupFields.Thresholds(book, sensor, parameter);
                wanted[(sensor.Id.Value, parameter.WireName())] =
                    [.. highs.Select(RollupFields.AtOrAbove), .. lows.Select(RollupFields.AtOrBelow)];
                counts.UnionWith(highs.Select(h => (parameter.WireName(), true, h)));
                counts.UnionWith(lows.Select(l => (parameter.WireName(), false, l)));
            }
        }
        var statements = new List<string>
        {
            $"SELECT count(\"value\") AS \"{RollupFields.Count}\", min(\"value\") AS \"{RollupFields.Min}\", max(\"value\") AS \"{RollupFields.Max}\", " +
            $"sum(\"value\") AS \"{RollupFields.Sum}\" FROM \"reading\" WHERE \"site\" = {site} AND {period} GROUP BY \"sensor\", \"parameter\"",
        };
        // One statement per parameter and limit value, over every sensor of the site: limits are mostly shared by room or grade.
        statements.AddRange(counts.Select(c =>
            $"SELECT count(\"value\") AS {Quote(c.High ? RollupFields.AtOrAbove(c.Value) : RollupFields.AtOrBelow(c.Value))} FROM \"reading\" " +
            $"WHERE \"site\" = {site} AND \"parameter\" = {ReadingAggregates.Literal(c.Parameter)} AND {period} " +
            $"AND \"value\" {(c.High ? ">=" : "<=")} {ReadingAggregates.Number(c.Value)} GROUP BY \"sensor\", \"parameter\""));
        var answer = await influx.QueryAsync(string.Join("; ", statements), cancellationToken);

        var rows = new Dictionary<(string Sensor, string Parameter), Dictionary<string, JsonElement>>();
        foreach (var series in answer.Series)
        {
            if (!series.Tags.TryGetValue("sensor", out var sensor) || !series.Tags.TryGetValue("parameter", out var parameter) || series.Values.Count == 0)
            {
                continue;
            }
            var fields = rows.TryGetValue((sensor, parameter), out var existing) ? existing : rows[(sensor, parameter)] = [];
            for (var c = 1; c < series.Columns.Count; c++)
            {
                fields[series.Columns[c]] = series.Values[0][c];
            }
        }

        var output = new ArrayBufferWriter<byte>(256 * (rows.Count + 1));
        var writer = new LineProtocolWriter(output);
        foreach (var ((sensor, parameter), fields) in rows)
        {
            if (!fields.TryGetValue(RollupFields.Count, out var n))
            {
                continue;   // a limit count without a sample count cannot happen; nothing to roll up
            }
            var listed = wanted.GetValueOrDefault((sensor, parameter)) ?? [];
            writer.Measurement(RollupSchema.Rows).Tag("parameter", parameter).Tag("sensor", sensor).Tag("site", facility.Site.Id)
                .Field(RollupFields.Count, n.GetInt64())
                .Field(RollupFields.Sum, fields[RollupFields.Sum].GetDouble())
                .Field(RollupFields.Listed, string.Join(' ', listed));
            if (fields[RollupFields.Min].ValueKind == JsonValueKind.Number)
            {
                writer.Field(RollupFields.Min, fields[RollupFields.Min].GetDouble()).Field(RollupFields.Max, fields[RollupFields.Max].GetDouble());
            }
            foreach (var field in listed)
            {
                // A statement that matched nothing returns no series: zero samples beyond that value.
                writer.Field(field, fields.TryGetValue(field, out var beyond) ? beyond.GetInt64() : 0L);
            }
            writer.Timestamp(hour);
        }
        if (rows.Count > 0)
        {
            await influx.WriteAsync(output.WrittenMemory, cancellationToken);
        }
        await influx.WriteAsync(HourMarkers([hour], rows.Count), cancellationToken);
    }

    /// <summary>Of <paramref name="hours"/> (none of them dirty), those without a single reading of the site, found in one
    /// query. After installation or a long outage most of the backfill period is empty: each such hour then costs a
    /// line of one write instead of a query of its own (at the demo site the first pass went from 840 queries to one).</summary>
    private async Task<HashSet<DateTimeOffset>> EmptyHoursAsync(List<DateTimeOffset> hours, CancellationToken cancellationToken)
    {
        if (hours.Count < 2)
        {
            return [];   // one hour (the usual pass): its own roll-up query answers as fast
        }
        var from = hours.Min();
        var to = hours.Max() + RollupSchema.Hour;
        var answer = await influx.QueryAsync(
            $"SELECT count(\"value\") FROM \"reading\" WHERE \"site\" = {ReadingAggregates.Literal(facility.Site.Id)} " +
            $"AND {RollupLedger.Period(from, to)} GROUP BY time(1h) fill(none)", cancellationToken);
        var populated = Times(answer, ReadingPoints.Measurement);
        return hours.Where(h => !populated.Contains(h)).ToHashSet();
    }

    /// <summary>The <see cref="RollupSchema.Hours"/> points that make hours count as rolled up, each with its number of rows.</summary>
    private ReadOnlyMemory<byte> HourMarkers(IEnumerable<DateTimeOffset> hours, long rows)
    {
        var marker = new ArrayBufferWriter<byte>(128);
        var writer = new LineProtocolWriter(marker);
        var computedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var hour in hours)
        {
            writer.Measurement(RollupSchema.Hours).Tag("site", facility.Site.Id).Field("rows", rows).Field("computed_at", computedAt).Timestamp(hour);
        }
        return marker.WrittenMemory;
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    private static HashSet<DateTimeOffset> Times(InfluxQueryResult result, string measurement) =>
        result.Series.Where(s => s.Name == measurement)
            .SelectMany(s => s.Values.Select(row => DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64())))
            .ToHashSet();

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
