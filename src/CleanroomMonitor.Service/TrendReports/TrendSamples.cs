using System.Text.Json;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Service.Reports;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>The stored samples of a room's sensors over a period, read back from InfluxDB with their fault and
/// out-of-service flags. Unlike the batch report's aggregates, percentiles need the values themselves (InfluxDB 1.x has no
/// mergeable percentile), so the trend report reads them: one statement per sensor, a month of one-minute samples is
/// some 44 640 values per parameter.</summary>
public sealed class TrendSamples(InfluxClient influx, FacilityDefinition facility)
{
    public async Task<IReadOnlyDictionary<(string Sensor, string Parameter), List<StoredSample>>> ReadAsync(IReadOnlyList<Sensor> sensors,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var found = new Dictionary<(string, string), List<StoredSample>>();
        foreach (var sensor in sensors)
        {
            var answer = await influx.QueryAsync(
                $"SELECT \"value\", \"faults\", \"out_of_service\" FROM \"reading\" WHERE \"site\" = {ReadingAggregates.Literal(facility.Site.Id)} " +
                $"AND \"sensor\" = {ReadingAggregates.Literal(sensor.Id.Value)} AND {RollupLedger.Period(from, to)} GROUP BY \"parameter\"", cancellationToken);
            foreach (var series in answer.Series)
            {
                if (!series.Tags.TryGetValue("parameter", out var parameter))
                {
                    continue;
                }
                var columns = series.Columns.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
                var samples = found[(sensor.Id.Value, parameter)] = new List<StoredSample>(series.Values.Count);
                foreach (var row in series.Values)
                {
                    if (row[columns["value"]].ValueKind != JsonValueKind.Number)
                    {
                        continue;
                    }
                    var faults = columns.TryGetValue("faults", out var f) && row[f].ValueKind == JsonValueKind.Number ? (SampleFaults)row[f].GetInt32() : SampleFaults.None;
                    var outOfService = columns.TryGetValue("out_of_service", out var o) && row[o].ValueKind == JsonValueKind.True;
                    samples.Add(new StoredSample(DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()), row[columns["value"]].GetDouble(), faults, outOfService));
                }
            }
        }
        return found;
    }
}
