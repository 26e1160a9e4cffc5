using System.Globalization;
using System.Text;
using System.Text.Json;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The report's figures, aggregated inside InfluxDB: no raw point ever comes back to the service. The whole hours
/// of the period come from the hourly roll-ups (<see cref="HourlyRollups"/>) where one exists and is not marked dirty;
/// the partial hours at the edges, the hours around a room-state change (for the limit counts) and any hour without a
/// trustworthy roll-up are aggregated from raw points with InfluxQL (count, min, max, sum, and counts of samples beyond a
/// limit with a field condition), one statement per question for all the sensors asking it, spread over a few parallel
/// requests: InfluxDB 1.x runs the statements of one request one after the other, so parallel requests use its cores.</summary>
public sealed class ReadingAggregates(InfluxClient influx, FacilityDefinition facility, HourlyRollups rollups, IOptions<ReportOptions> options)
{
    /// <summary>Aggregates of every parameter of <paramref name="sensors"/> over [from, to), keyed by sensor and parameter
    /// wire name, and the answer to each of <paramref name="counts"/> in the same order.</summary>
    public async Task<(IReadOnlyDictionary<(string Sensor, string Parameter), SeriesAggregate> Series, IReadOnlyList<long> Counts)> QueryAsync(
        IReadOnlyList<Sensor> sensors, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<BandCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(counts);
        if (sensors.Count == 0)
        {
            return (new Dictionary<(string, string), SeriesAggregate>(), new long[counts.Count]);
        }
        var (hours, rows) = options.Value.UseRollups && rollups.IsEnabled ? await RollupsAsync(sensors, from, to, cancellationToken) : ([], []);
        var statistics = PeriodPlan.Split(from, to, hours.Contains);
        var totals = new Dictionary<(string, string), Totals>();
        var buckets = new Dictionary<(string, string), List<ChartBucket>>();
        var answers = new long[counts.Count];
        foreach (var hour in statistics.Hours)
        {
            foreach (var ((sensor, parameter), byHour) in rows)
            {
                if (byHour.TryGetValue(hour, out var row))
                {
                    Add(totals, (sensor, parameter), row.Count, row.Min, row.Max, row.Sum);
                    Bucket(buckets, (sensor, parameter), hour, hour + RollupSchema.Hour, row.Count, row.Min, row.Max, row.Sum);
                }
            }
        }

        // One statement serves every sensor with the same question (the same raw range, parameter and limits: limits are
        // mostly shared by room or grade), grouped by sensor: hundreds of tiny per-sensor statements cost more in
        // InfluxDB's per-statement overhead than the few thousand edge points they read.
        // The raw ranges are aggregated per chart step (still count, min, max and sum: the totals add the steps up), so the
        // report's chart has a shape inside a partial hour and a short batch is not a single bar.
        var step = ChartStep(to - from);
        var rawRanges = statistics.Raw;
        var statements = rawRanges.Select(range =>
            $"SELECT count(\"value\") AS \"n\", min(\"value\") AS \"lo\", max(\"value\") AS \"hi\", sum(\"value\") AS \"total\" FROM \"reading\" " +
            $"WHERE {Sensors(sensors.Select(s => s.Id.Value))} AND {Period(range.From, range.To)} " +
            $"GROUP BY time({(long)step.TotalSeconds}s), \"sensor\", \"parameter\" fill(none)").ToList();
        var questions = new Dictionary<string, (Parameter Parameter, string Breaches, DateTimeOffset From, DateTimeOffset To, Dictionary<string, List<int>> Sensors)>(StringComparer.Ordinal);
        for (var index = 0; index < counts.Count; index++)
        {
            var count = counts[index];
            if (count.Bands.Count == 0 || count.To <= count.From)
            {
                continue;
            }
            var byHour = rows.GetValueOrDefault((count.Sensor.Value, count.Parameter.WireName()));
            // An hour answers a count when it is rolled up and its row (if it has samples at all) counted the limit values needed.
            var plan = PeriodPlan.Split(count.From, count.To, hour => hours.Contains(hour) &&
                (byHour is null || !byHour.TryGetValue(hour, out var row) || RollupFields.Breaches(row, count.Bands) is not null));
            foreach (var hour in plan.Hours)
            {
                answers[index] += byHour is not null && byHour.TryGetValue(hour, out var row) ? RollupFields.Breaches(row, count.Bands)!.Value : 0;
            }
            var breaches = Breaches(count.Bands);
            foreach (var (rangeFrom, rangeTo) in plan.Raw)
            {
                var key = string.Join('|', count.Parameter.WireName(), breaches, rangeFrom.UtcTicks, rangeTo.UtcTicks);
                if (!questions.TryGetValue(key, out var question))
                {
                    questions[key] = question = (count.Parameter, breaches, rangeFrom, rangeTo, new Dictionary<string, List<int>>(StringComparer.Ordinal));
                }
                // The same sensor asked the same question twice gets the same answer twice.
                (question.Sensors.TryGetValue(count.Sensor.Value, out var indices) ? indices : question.Sensors[count.Sensor.Value] = []).Add(index);
            }
        }
        var grouped = questions.Values.ToList();
        // The alias carries the question's number: a statement that matches nothing returns no series at all.
        statements.AddRange(grouped.Select((q, g) =>
            $"SELECT count(\"value\") AS \"g{g}\" FROM \"reading\" WHERE {Sensors(q.Sensors.Keys)} AND \"parameter\" = {Literal(q.Parameter.WireName())} " +
            $"AND {Period(q.From, q.To)} AND ({q.Breaches}) GROUP BY \"sensor\""));
        // Spread over QueryParallelism requests: InfluxDB runs the statements of one request one after the other.
        var parallelism = Math.Min(options.Value.QueryParallelism, statements.Count);
        var requests = Enumerable.Range(0, parallelism)
            .Select(r => string.Join("; ", statements.Where((_, i) => i % parallelism == r)))
            .ToList();

        using var gate = new SemaphoreSlim(options.Value.QueryParallelism);
        var results = await Task.WhenAll(requests.Select(async query =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await influx.QueryAsync(query, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var item in results.SelectMany(r => r.Series))
        {
            for (var c = 0; c < item.Columns.Count; c++)
            {
                var column = item.Columns[c];
                if (column.Length > 1 && column[0] == 'g' && int.TryParse(column.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var g)
                    && item.Tags.TryGetValue("sensor", out var asked) && grouped[g].Sensors.TryGetValue(asked, out var indices))
                {
                    foreach (var index in indices)
                    {
                        answers[index] += item.Values[0][c].GetInt64();
                    }
                }
            }
            if (item.Columns.Contains("n") && item.Tags.TryGetValue("sensor", out var sensor) && item.Tags.TryGetValue("parameter", out var parameter))
            {
                for (var row = 0; row < item.Values.Count; row++)
                {
                    var n = item.Get(row, "n").GetInt64();
                    var (lo, hi, total) = (Number(item.Get(row, "lo")), Number(item.Get(row, "hi")), Number(item.Get(row, "total")) ?? 0);
                    Add(totals, (sensor, parameter), n, lo, hi, total);
                    var start = DateTimeOffset.FromUnixTimeMilliseconds(item.Values[row][0].GetInt64());
                    var range = rawRanges.FirstOrDefault(r => r.From < start + step && r.To > start);
                    Bucket(buckets, (sensor, parameter), start < range.From ? range.From : start, start + step > range.To ? range.To : start + step, n, lo, hi, total);
                }
            }
        }
        var series = totals.ToDictionary(t => t.Key, t => new SeriesAggregate(t.Value.Count, t.Value.Min, t.Value.Max,
            t.Value.Count == 0 ? null : t.Value.Sum / t.Value.Count)
        {
            Buckets = buckets.TryGetValue(t.Key, out var list) ? [.. list.OrderBy(b => b.From)] : [],
        });
        return (series, answers);
    }

    /// <summary>The stored samples of each of <paramref name="questions"/> (one sensor parameter over one range) that breach
    /// its bands, read back for the release verdict: only samples beyond the bands (<c>WHERE "value" &gt;= high OR "value"
    /// &lt;= low</c>), at most <see cref="ReportOptions.MaxBreachSamples"/> per question. A question with more is capped.</summary>
    public async Task<IReadOnlyDictionary<(string Sensor, string Parameter), (List<StoredSample> Samples, bool IsCapped)>> BreachSamplesAsync(
        IReadOnlyList<BandCount> questions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var found = new Dictionary<(string, string), (List<StoredSample>, bool)>();
        var statements = questions.Where(q => q.Bands.Count > 0 && q.From < q.To).Select(q =>
            $"SELECT \"value\", \"faults\", \"out_of_service\" FROM \"reading\" WHERE {Sensors([q.Sensor.Value])} AND \"parameter\" = {Literal(q.Parameter.WireName())} " +
            $"AND {Period(q.From, q.To)} AND ({Breaches(q.Bands)}) GROUP BY \"sensor\", \"parameter\" LIMIT {options.Value.MaxBreachSamples + 1}").ToList();
        if (statements.Count == 0)
        {
            return found;
        }
        var parallelism = Math.Min(options.Value.QueryParallelism, statements.Count);
        var results = await Task.WhenAll(Enumerable.Range(0, parallelism)
            .Select(r => influx.QueryAsync(string.Join("; ", statements.Where((_, i) => i % parallelism == r)), cancellationToken)));
        foreach (var series in results.SelectMany(r => r.Series))
        {
            if (!series.Tags.TryGetValue("sensor", out var sensor) || !series.Tags.TryGetValue("parameter", out var parameter))
            {
                continue;
            }
            var key = (sensor, parameter);
            var (samples, capped) = found.GetValueOrDefault(key, ([], false));
            var columns = series.Columns.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
            foreach (var row in series.Values.Take(options.Value.MaxBreachSamples))
            {
                if (Number(row[columns["value"]]) is not { } value)
                {
                    continue;
                }
                var faults = columns.TryGetValue("faults", out var f) && row[f].ValueKind == JsonValueKind.Number ? (SampleFaults)row[f].GetInt32() : SampleFaults.None;
                var outOfService = columns.TryGetValue("out_of_service", out var o) && row[o].ValueKind == JsonValueKind.True;
                samples.Add(new StoredSample(DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()), value, faults, outOfService));
            }
            found[key] = (samples, capped || series.Values.Count > options.Value.MaxBreachSamples);
        }
        return found;
    }

    /// <summary>The hours of [from, to) with a roll-up that can be trusted (rolled up, and not marked dirty by a reading that
    /// arrived since), and the roll-up rows of <paramref name="sensors"/> by sensor, parameter and hour.</summary>
    private async Task<(HashSet<DateTimeOffset> Hours, Dictionary<(string, string), Dictionary<DateTimeOffset, RollupRow>> Rows)> RollupsAsync(
        IReadOnlyList<Sensor> sensors, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var first = RollupSchema.HourOf(from) + (RollupSchema.HourOf(from) < from ? RollupSchema.Hour : TimeSpan.Zero);
        var end = RollupSchema.HourOf(to);
        var hours = new HashSet<DateTimeOffset>();
        var rows = new Dictionary<(string, string), Dictionary<DateTimeOffset, RollupRow>>();
        if (end <= first || sensors.Count == 0)
        {
            return (hours, rows);
        }
        var period = RollupLedger.Period(first, end);
        var site = $"\"site\" = {Literal(facility.Site.Id)}";
        // Markers first, rows last: a roll-up recomputed between the statements is newer, never older, than what the markers said.
        var answer = await influx.QueryAsync(
            $"SELECT \"pending\" FROM \"{RollupSchema.Dirty}\" WHERE {period}; " +
            $"SELECT \"rows\" FROM \"{RollupSchema.Hours}\" WHERE {site} AND {period}; " +
            $"SELECT * FROM \"{RollupSchema.Rows}\" WHERE {Sensors(sensors.Select(s => s.Id.Value))} AND {period} GROUP BY \"sensor\", \"parameter\"", cancellationToken);
        var dirty = new HashSet<DateTimeOffset>();
        foreach (var series in answer.Series)
        {
            if (series.Name == RollupSchema.Dirty || series.Name == RollupSchema.Hours)
            {
                (series.Name == RollupSchema.Dirty ? dirty : hours).UnionWith(series.Values.Select(v => DateTimeOffset.FromUnixTimeMilliseconds(v[0].GetInt64())));
                continue;
            }
            if (series.Name != RollupSchema.Rows || !series.Tags.TryGetValue("sensor", out var sensor) || !series.Tags.TryGetValue("parameter", out var parameter))
            {
                continue;
            }
            var columns = series.Columns.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
            var byHour = rows[(sensor, parameter)] = [];
            foreach (var values in series.Values)
            {
                if (values[columns[RollupFields.Count]].ValueKind != JsonValueKind.Number)
                {
                    continue;
                }
                var listed = values[columns[RollupFields.Listed]].GetString() ?? "";
                var beyond = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var field in listed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (columns.TryGetValue(field, out var c) && values[c].ValueKind == JsonValueKind.Number)
                    {
                        beyond[field] = values[c].GetInt64();
                    }
                }
                byHour[DateTimeOffset.FromUnixTimeMilliseconds(values[0].GetInt64())] = new RollupRow(values[columns[RollupFields.Count]].GetInt64(),
                    Number(values[columns[RollupFields.Min]]), Number(values[columns[RollupFields.Max]]), values[columns[RollupFields.Sum]].GetDouble(), beyond);
            }
        }
        hours.ExceptWith(dirty);
        return (hours, rows);
    }

    /// <summary>The step raw ranges are aggregated by for the chart: about 120 steps over the window, in whole tens of
    /// seconds, at most an hour (the roll-up's own step).</summary>
    internal static TimeSpan ChartStep(TimeSpan window) =>
        TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(window.TotalSeconds / 120 / 10) * 10, 10, 3600));

    private static void Bucket(Dictionary<(string, string), List<ChartBucket>> buckets, (string, string) key, DateTimeOffset from, DateTimeOffset to,
        long count, double? min, double? max, double sum)
    {
        if (count > 0)
        {
            (buckets.TryGetValue(key, out var list) ? list : buckets[key] = []).Add(new ChartBucket(from, to, count, min, max, sum / count));
        }
    }

    private static void Add(Dictionary<(string, string), Totals> totals, (string, string) key, long count, double? min, double? max, double sum)
    {
        var t = totals.GetValueOrDefault(key) ?? (totals[key] = new Totals());
        t.Count += count;
        t.Sum += sum;
        t.Min = min is { } lo && (t.Min is null || lo < t.Min) ? lo : t.Min;
        t.Max = max is { } hi && (t.Max is null || hi > t.Max) ? hi : t.Max;
    }

    private string Sensors(IEnumerable<string> sensors) =>
        $"\"site\" = {Literal(facility.Site.Id)} AND ({string.Join(" OR ", sensors.Select(s => $"\"sensor\" = {Literal(s)}"))})";

    private static string Period(DateTimeOffset from, DateTimeOffset to) => RollupLedger.Period(from, to);

    /// <summary>A value breaches a band at or beyond either bound (limits are inclusive, as in <see cref="Band.Breaches"/>).</summary>
    internal static string Breaches(IEnumerable<Band> bands)
    {
        var terms = new List<string>();
        foreach (var band in bands)
        {
            if (band.High is { } high)
            {
                terms.Add($"\"value\" >= {Number(high)}");
            }
            if (band.Low is { } low)
            {
                terms.Add($"\"value\" <= {Number(low)}");
            }
        }
        return string.Join(" OR ", terms.Distinct());
    }

    /// <summary>A plain decimal literal: InfluxQL does not read exponents such as <c>1E-05</c>.</summary>
    internal static string Number(double value) => Number(Decimal(value));

    /// <summary>The decimal a limit is written as in InfluxQL; roll-ups count against the same value, so they agree with raw queries.</summary>
    internal static decimal Decimal(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e15
            ? (decimal)value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "a limit must be a finite number below 1e15");

    internal static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An InfluxQL string literal: quotes and backslashes escaped, so an id can never end the literal.</summary>
    internal static string Literal(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var ch in value)
        {
            if (ch is '\'' or '\\')
            {
                text.Append('\\');
            }
            text.Append(ch);
        }
        return text.Append('\'').ToString();
    }

    private static double? Number(JsonElement cell) => cell.ValueKind == JsonValueKind.Number ? cell.GetDouble() : null;
}
