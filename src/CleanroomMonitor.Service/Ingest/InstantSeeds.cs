using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Ingest;

/// <summary>Fills the <see cref="DuplicateGuard"/> at start with the latest stored readings of every series, read from
/// InfluxDB once the durable buffer has forwarded what it held, so a reading sent again across a restart (a gateway's
/// re-send, a device record read again) is still told apart as a repeat or a conflict (issue 15 item 6).</summary>
/// <remarks>Fails open: without InfluxDB the guard starts empty and the gap is logged, as before this check existed.</remarks>
internal sealed class InstantSeeds(InfluxClient influx, DurableBuffer buffer, IOptions<IngestOptions> options, TimeProvider time,
    ILogger<InstantSeeds> logger)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task SeedAsync(DuplicateGuard guard, CancellationToken cancellationToken)
    {
        try
        {
            using var deadline = new CancellationTokenSource(Patience, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            while (buffer.PendingRecords > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, linked.Token);
            }
            var result = await influx.QueryAsync(
                $"SELECT \"value\", \"count\", \"volume_l\", \"faults\" FROM \"{ReadingPoints.Measurement}\" WHERE time > now() - {(long)options.Value.MaxAge.TotalSeconds}s " +
                $"GROUP BY \"sensor\", \"parameter\" ORDER BY time DESC LIMIT {options.Value.DuplicateWindow}", linked.Token);
            var readings = 0;
            foreach (var series in result.Series)
            {
                if (!series.Tags.TryGetValue("sensor", out var sensor) || !series.Tags.TryGetValue("parameter", out var name)
                    || !ParameterCatalog.TryParse(name, out var parameter))
                {
                    continue;
                }
                // Oldest first, as they were accepted, so the window keeps the newest.
                for (var row = series.Values.Count - 1; row >= 0; row--)
                {
                    var content = new RecordedContent(series.Get(row, "value").GetDouble(), Int64OrNull(series.Get(row, "count")),
                        DoubleOrNull(series.Get(row, "volume_l")), (SampleFaults)(Int64OrNull(series.Get(row, "faults")) ?? 0));
                    guard.Seed(new SensorId(sensor), parameter.Parameter, DateTimeOffset.FromUnixTimeMilliseconds(series.Get(row, "time").GetInt64()), content);
                    readings++;
                }
            }
            logger.InstantSeedsLoaded(result.Series.Count, readings);
        }
        catch (InfluxQueryException ex) when (ex.Message.Contains("database not found", StringComparison.Ordinal))
        {
            logger.InstantSeedsLoaded(0, 0);   // a first start: nothing stored yet
        }
        catch (Exception ex) when (ex is HttpRequestException or InfluxQueryException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.InstantSeedsUnavailable(ex.Message);
        }
    }

    private static long? Int64OrNull(JsonElement cell) => cell.ValueKind == JsonValueKind.Number ? cell.GetInt64() : null;

    private static double? DoubleOrNull(JsonElement cell) => cell.ValueKind == JsonValueKind.Number ? cell.GetDouble() : null;
}
