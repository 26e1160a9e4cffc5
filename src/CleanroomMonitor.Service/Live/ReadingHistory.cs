using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.Live;

/// <summary>The raw readings InfluxDB holds for one sensor parameter over a period, every sample as stored (faulty,
/// historical and out-of-service ones included, with their flags): the evidence an excursion record is checked against
/// (its trigger, peak and end must be stored values), and what an export or an OQ compares.</summary>
public sealed class ReadingHistory(InfluxClient influx)
{
    /// <summary>At most this many readings per answer; a longer period is asked for in parts.</summary>
    public const int MaxReadings = 10_000;

    /// <exception cref="InfluxQueryException">InfluxDB refused the query.</exception>
    /// <exception cref="HttpRequestException">InfluxDB is unreachable.</exception>
    public async Task<(IReadOnlyList<StoredReading> Readings, bool Truncated)> QueryAsync(SensorId sensor, Parameter parameter,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"SELECT \"value\", \"faults\", \"count\", \"volume_l\", \"seq\", \"historical\", \"out_of_service\", \"receiver_time\" FROM \"{ReadingPoints.Measurement}\" " +
            $"WHERE \"sensor\" = '{InfluxQl.Escape(sensor.Value)}' AND \"parameter\" = '{InfluxQl.Escape(parameter.WireName())}' " +
            $"AND time >= {from.ToUnixTimeMilliseconds()}ms AND time <= {to.ToUnixTimeMilliseconds()}ms ORDER BY time ASC LIMIT {MaxReadings + 1}");
        var result = await influx.QueryAsync(query, cancellationToken);
        var readings = new List<StoredReading>();
        foreach (var series in result.Series)
        {
            for (var row = 0; row < series.Values.Count; row++)
            {
                readings.Add(new StoredReading(
                    DateTimeOffset.FromUnixTimeMilliseconds(series.Get(row, "time").GetInt64()),
                    series.Get(row, "value").GetDouble(),
                    Number(series.Get(row, "faults")) is { } faults ? (long)faults : 0,
                    Number(series.Get(row, "count")) is { } count ? (long)count : null,
                    Number(series.Get(row, "volume_l")),
                    Number(series.Get(row, "seq")) is { } seq ? (long)seq : null,
                    Flag(series.Get(row, "historical")),
                    Flag(series.Get(row, "out_of_service")),
                    Flag(series.Get(row, "receiver_time"))));
            }
        }
        var truncated = readings.Count > MaxReadings;
        return (truncated ? readings[..MaxReadings] : readings, truncated);
    }

    private static double? Number(JsonElement cell) => cell.ValueKind == JsonValueKind.Number ? cell.GetDouble() : null;

    private static bool Flag(JsonElement cell) => cell.ValueKind == JsonValueKind.True;
}

/// <param name="At">The reading's own time stamp (the device's, or the service's when <see cref="ReceiverTime"/>).</param>
/// <param name="Faults">The sample's fault flags as stored; 0 for a valid sample.</param>
public sealed record StoredReading(DateTimeOffset At, double Value, long Faults, long? Count, double? VolumeLitres, long? Sequence,
    bool Historical, bool OutOfService, bool ReceiverTime);
