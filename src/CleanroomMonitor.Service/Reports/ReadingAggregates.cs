using System.Globalization;
using System.Text;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The report's figures, aggregated inside InfluxDB with InfluxQL (count, min, max, mean, and counts of samples
/// beyond a limit with a field condition): no raw point ever comes back to the service, so a 7-day batch of 60 sensors at
/// 1 reading/s (36 million points) costs a few dozen small answers. One request per sensor, several requests at a time:
/// InfluxDB 1.x runs the statements of one request one after the other, so parallel requests are what use its cores.</summary>
public sealed class ReadingAggregates(InfluxClient influx, FacilityDefinition facility, IOptions<ReportOptions> options)
{
    /// <summary>Aggregates of every parameter of <paramref name="sensors"/> over [from, to), keyed by sensor and parameter
    /// wire name, and the answer to each of <paramref name="counts"/> in the same order.</summary>
    public async Task<(IReadOnlyDictionary<(string Sensor, string Parameter), SeriesAggregate> Series, IReadOnlyList<long> Counts)> QueryAsync(
        IReadOnlyList<Sensor> sensors, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<BandCount> counts, CancellationToken cancellationToken)
    {
        var requests = new List<string>();
        var countsBySensor = counts.Select((c, i) => (Count: c, Index: i)).ToLookup(x => x.Count.Sensor);
        foreach (var sensor in sensors)
        {
            var statements = new List<string>
            {
                $"SELECT count(\"value\") AS \"n\", min(\"value\") AS \"lo\", max(\"value\") AS \"hi\", mean(\"value\") AS \"avg\" FROM \"reading\" " +
                $"WHERE {Series(sensor.Id, null)} AND {Period(from, to)} GROUP BY \"sensor\", \"parameter\"",
            };
            foreach (var (count, index) in countsBySensor[sensor.Id])
            {
                if (count.Bands.Count == 0 || count.To <= count.From)
                {
                    continue;
                }
                // The alias carries the request's index: a statement that matches nothing returns no series at all.
                statements.Add($"SELECT count(\"value\") AS \"c{index}\" FROM \"reading\" WHERE {Series(sensor.Id, count.Parameter)} " +
                               $"AND {Period(count.From, count.To)} AND ({Breaches(count.Bands)})");
            }
            requests.Add(string.Join("; ", statements));
        }

        var series = new Dictionary<(string, string), SeriesAggregate>();
        var answers = new long[counts.Count];
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
                if (column.Length > 1 && column[0] == 'c' && int.TryParse(column.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    answers[index] = item.Values[0][c].GetInt64();
                }
            }
            if (item.Columns.Contains("n") && item.Tags.TryGetValue("sensor", out var sensor) && item.Tags.TryGetValue("parameter", out var parameter))
            {
                series[(sensor, parameter)] = new SeriesAggregate(item.Get(0, "n").GetInt64(), Number(item.Get(0, "lo")), Number(item.Get(0, "hi")),
                    Number(item.Get(0, "avg")));
            }
        }
        return (series, answers);
    }

    private string Series(SensorId sensor, Parameter? parameter) =>
        $"\"site\" = {Literal(facility.Site.Id)} AND \"sensor\" = {Literal(sensor.Value)}" +
        (parameter is { } p ? $" AND \"parameter\" = {Literal(p.WireName())}" : "");

    private static string Period(DateTimeOffset from, DateTimeOffset to) =>
        $"time >= '{from.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}' AND time < '{to.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}'";

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
    internal static string Number(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e15
            ? ((decimal)value).ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "a limit must be a finite number below 1e15");

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
