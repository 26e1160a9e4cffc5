using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.Replay;

/// <summary>The readings InfluxDB holds for a room's sensors over a period, in time order, as the engine judged them
/// (value, count, volume, fault flags, historical and out-of-service marks). Asked for six hours at a time, so a
/// 92-day period streams through the replay instead of sitting in memory.</summary>
public sealed class ReplayReadings(InfluxClient influx, FacilityDefinition facility)
{
    /// <summary>The span of one query: 6 h of a room with ten 1-second channels is 216,000 rows.</summary>
    public static readonly TimeSpan Chunk = TimeSpan.FromHours(6);

    /// <exception cref="InfluxQueryException">InfluxDB refused a query.</exception>
    /// <exception cref="HttpRequestException">InfluxDB is unreachable.</exception>
    public async IAsyncEnumerable<Reading> ReadAsync(RoomId room, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var start = from; start < to; start += Chunk)
        {
            var end = start + Chunk < to ? start + Chunk : to;
            // Without GROUP BY, InfluxDB 1.x merges the room's series into one, ordered by time; the tags come as columns.
            var query = string.Create(CultureInfo.InvariantCulture,
                $"SELECT \"value\", \"faults\", \"count\", \"volume_l\", \"historical\", \"out_of_service\", \"receiver_time\", \"sensor\", \"parameter\" " +
                $"FROM \"{ReadingPoints.Measurement}\" WHERE \"room\" = '{InfluxQl.Escape(room.Value)}' AND \"site\" = '{InfluxQl.Escape(facility.Site.Id)}' " +
                $"AND time >= {start.ToUnixTimeMilliseconds()}ms AND time < {end.ToUnixTimeMilliseconds()}ms ORDER BY time ASC");
            var result = await influx.QueryAsync(query, cancellationToken);
            foreach (var series in result.Series)
            {
                for (var row = 0; row < series.Values.Count; row++)
                {
                    if (ToReading(series, row, room) is { } reading)
                    {
                        yield return reading;
                    }
                }
            }
        }
    }

    private Reading? ToReading(InfluxSeries series, int row, RoomId room)
    {
        // A sensor or parameter no longer in the facility definition has no limits to be judged against.
        if (series.Get(row, "sensor").GetString() is not { } sensor || !facility.TryGetSensor(new SensorId(sensor), out var known)
            || series.Get(row, "parameter").GetString() is not { } name || !ParameterCatalog.TryParse(name, out var parameter)
            || series.Get(row, "value").ValueKind != JsonValueKind.Number)
        {
            return null;
        }
        var at = DateTimeOffset.FromUnixTimeMilliseconds(series.Get(row, "time").GetInt64());
        return new Reading(known.Id, room, parameter.Parameter, series.Get(row, "value").GetDouble(), at,
            Flag(series.Get(row, "receiver_time")) ? TimeSource.Receiver : TimeSource.Device, at,
            Number(series.Get(row, "count")) is { } count ? (long)count : null,
            Number(series.Get(row, "volume_l")),
            Number(series.Get(row, "faults")) is { } faults ? (SampleFaults)(long)faults : SampleFaults.None,
            IsHistorical: Flag(series.Get(row, "historical")),
            OutOfService: Flag(series.Get(row, "out_of_service")));
    }

    private static double? Number(JsonElement cell) => cell.ValueKind == JsonValueKind.Number ? cell.GetDouble() : null;

    private static bool Flag(JsonElement cell) => cell.ValueKind == JsonValueKind.True;
}
