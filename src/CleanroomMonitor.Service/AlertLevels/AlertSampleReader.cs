using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.AlertLevels;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.AlertLevels;

/// <summary>The samples an alert-level proposal is computed from: every valid (faults = 0), in-service reading of the
/// sensors' parameter inside the given room-state periods, read raw from InfluxDB (a percentile or a count fit needs the
/// values, not hourly roll-ups), one week per query so no answer grows past a week of samples.</summary>
public sealed class AlertSampleReader(InfluxClient influx)
{
    public static readonly TimeSpan Chunk = TimeSpan.FromDays(7);

    /// <exception cref="InfluxQueryException">InfluxDB refused the query.</exception>
    /// <exception cref="HttpRequestException">InfluxDB is unreachable.</exception>
    public async Task<IReadOnlyList<AlertSample>> ReadAsync(IReadOnlyList<SensorId> sensors, Parameter parameter, IReadOnlyList<RoomStatePeriod> periods,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(periods);
        var which = "(" + string.Join(" OR ", sensors.Select(s => $"\"sensor\" = '{InfluxQl.Escape(s.Value)}'")) + ")";
        var samples = new List<AlertSample>();
        foreach (var period in periods)
        {
            for (var from = period.From; from < period.To; from += Chunk)
            {
                var to = from + Chunk < period.To ? from + Chunk : period.To;
                var query = string.Create(CultureInfo.InvariantCulture,
                    $"SELECT \"value\", \"count\", \"volume_l\", \"faults\", \"out_of_service\" FROM \"{ReadingPoints.Measurement}\" WHERE {which} " +
                    $"AND \"parameter\" = '{InfluxQl.Escape(parameter.WireName())}' AND time >= {from.ToUnixTimeMilliseconds()}ms AND time < {to.ToUnixTimeMilliseconds()}ms");
                var result = await influx.QueryAsync(query, cancellationToken);
                foreach (var series in result.Series)
                {
                    // A field never written (out_of_service on a site that never took a sensor out) has no column at all.
                    var column = series.Columns.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
                    foreach (var row in series.Values)
                    {
                        JsonElement Cell(string name) => column.TryGetValue(name, out var i) ? row[i] : default;
                        // A faulty sample is not a measurement, and an out-of-service one was not judged: neither describes the room.
                        if (Number(Cell("faults")) is > 0 || Cell("out_of_service").ValueKind == JsonValueKind.True || Number(Cell("value")) is not { } value)
                        {
                            continue;
                        }
                        samples.Add(new AlertSample(DateTimeOffset.FromUnixTimeMilliseconds(row[column["time"]].GetInt64()), value,
                            Number(Cell("count")) is { } count ? (long)count : null, Number(Cell("volume_l"))));
                    }
                }
            }
        }
        return samples;
    }

    private static double? Number(JsonElement cell) => cell.ValueKind == JsonValueKind.Number ? cell.GetDouble() : null;
}
