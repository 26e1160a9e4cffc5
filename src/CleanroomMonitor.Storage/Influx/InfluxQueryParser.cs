using System.Net;
using System.Text.Json;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>Turns the JSON of <c>/query</c> into <see cref="InfluxQueryResult"/>. InfluxDB answers 200 even when a
/// statement fails and puts the failure in <c>results[i].error</c>, so that is checked for every statement.</summary>
internal static class InfluxQueryParser
{
    public static InfluxQueryResult Parse(JsonElement root, string influxQl, HttpStatusCode status)
    {
        if (root.TryGetProperty("error", out var topError))
        {
            throw Failure(topError.GetString(), influxQl, status);
        }
        var series = new List<InfluxSeries>();
        if (!root.TryGetProperty("results", out var results))
        {
            return new InfluxQueryResult(series);
        }
        foreach (var result in results.EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                throw Failure(error.GetString(), influxQl, status);
            }
            if (!result.TryGetProperty("series", out var items))
            {
                continue;
            }
            foreach (var item in items.EnumerateArray())
            {
                series.Add(ParseSeries(item));
            }
        }
        return new InfluxQueryResult(series);
    }

    private static InfluxSeries ParseSeries(JsonElement item)
    {
        var name = item.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.TryGetProperty("tags", out var t))
        {
            foreach (var tag in t.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.GetString() ?? "";
            }
        }
        var columns = item.TryGetProperty("columns", out var c) ? c.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
        var values = new List<IReadOnlyList<JsonElement>>();
        if (item.TryGetProperty("values", out var v))
        {
            foreach (var row in v.EnumerateArray())
            {
                values.Add(row.EnumerateArray().ToList());
            }
        }
        return new InfluxSeries(name, tags, columns, values);
    }

    private static InfluxQueryException Failure(string? error, string influxQl, HttpStatusCode status) =>
        new($"InfluxDB failed '{influxQl}': {error}", status, error);
}
