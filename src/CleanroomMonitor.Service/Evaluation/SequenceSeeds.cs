using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>The last stored sequence number of every sensor, read at start from InfluxDB once the durable buffer has
/// forwarded what it held (up to 30 s; the engine judges meanwhile and checks the seeds when they come), so a gap across
/// a crash is counted. The service's own MQTT source loses nothing in a crash (it acknowledges after the durable commit),
/// so a gap found here is a loss before the broker: a gateway or device that dropped readings, or a persistent session
/// that expired while the service was away; this is how such a loss is put on record.</summary>
public sealed class SequenceSeeds(InfluxClient influx, DurableBuffer buffer, TimeProvider time, ILogger<SequenceSeeds> logger) : ISequenceSeedSource
{
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<(SensorId Sensor, long Sequence, DateTimeOffset At)>> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var deadline = new CancellationTokenSource(DrainWait, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            while (buffer.PendingRecords > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, linked.Token);
            }
            var result = await influx.QueryAsync(
                $"SELECT last(\"seq\") FROM \"{ReadingPoints.Measurement}\" WHERE time > now() - 7d GROUP BY \"sensor\"", linked.Token);
            var seeds = result.Series
                .Where(s => s.Tags.ContainsKey("sensor") && s.Values.Count > 0)
                .Select(s => (new SensorId(s.Tags["sensor"]), s.Get(0, "last").GetInt64(), DateTimeOffset.FromUnixTimeMilliseconds(s.Get(0, "time").GetInt64())))
                .ToList();
            logger.SequenceSeedsLoaded(seeds.Count, string.Join(", ", seeds.Take(5).Select(s => $"{s.Item1}={s.Item2}")));
            return seeds;
        }
        catch (Exception ex) when (ex is HttpRequestException or InfluxQueryException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Without InfluxDB a gap across this restart goes unnoticed by sequence; the time-based data-gap rule still runs.
            logger.SequenceSeedsUnavailable(ex.Message);
            return [];
        }
    }
}
