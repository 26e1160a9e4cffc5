using System.Text.Json;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The figures of the report: per sensor parameter the statistics and the time at alert and action level
/// against the limits in force in each room state of the period; per sensor the data completeness; and the limits
/// with their versions. The counting happens in InfluxDB (<see cref="ReadingAggregates"/>).</summary>
public sealed class ReportFigures(FacilityDefinition facility, IRecordStore records, ReadingAggregates readings, IOptions<ReportOptions> options)
{
    private static readonly ExcursionKind[] GapKinds = [ExcursionKind.DataGap, ExcursionKind.CommunicationLoss, ExcursionKind.SensorFault];

    public static bool IsGap(ExcursionKind kind) => GapKinds.Contains(kind);

    /// <summary>The figures, and the breach runs of the window for the release verdict (<see cref="ReleaseRule"/>): the
    /// samples beyond the alert or action limits are read back only for the segments whose counts found any, judged in
    /// Core (<see cref="BreachFinder"/>) and grouped into runs; <c>Capped</c> names the series with more than were read.</summary>
    public async Task<(IReadOnlyList<ParameterStatistics> Statistics, IReadOnlyList<SensorCompleteness> Completeness, IReadOnlyList<ReportLimits> Limits,
        IReadOnlyList<BreachRun> Runs, IReadOnlyList<string> Capped)> BuildAsync(
        Batch batch, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<Excursion> gaps, CancellationToken cancellationToken)
    {
        var book = new LimitBook(facility);
        var changes = await records.RoomStateChangesAsync(cancellationToken);
        var sensors = new List<Sensor>();
        var limits = new List<ReportLimits>();
        var counts = new List<BandCount>();
        var judged = new List<(Sensor Sensor, Parameter Parameter, int Alert, int Action)>();
        var recorded = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var room in batch.Rooms.Where(r => facility.TryGetRoom(r, out _)))
        {
            var segments = Segments(room, changes, from, to);
            foreach (var sensor in facility.SensorsIn(room))
            {
                sensors.Add(sensor);
                foreach (var parameter in sensor.Parameters)
                {
                    foreach (var (state, segmentFrom, segmentTo) in segments)
                    {
                        if (book.Resolve(sensor, parameter, state) is not { } set)
                        {
                            continue;
                        }
                        var key = $"{sensor.Id}/{parameter.WireName()}/{(state == RoomState.AtRest ? RoomState.AtRest : RoomState.InOperation)}";
                        if (!recorded.TryGetValue(key, out var recordedVersion))
                        {
                            recorded[key] = recordedVersion = await RecordedVersionAsync(key, to, cancellationToken);
                        }
                        limits.Add(new ReportLimits(room.Value, sensor.Id.Value, parameter.WireName(), state.ToString(), segmentFrom, segmentTo, set.Describe(),
                            set.Version, recordedVersion, set.Source)
                        {
                            AlertHigh = set.Alert.High, AlertLow = set.Alert.Low, ActionHigh = set.Action.High, ActionLow = set.Action.Low,
                        });
                        judged.Add((sensor, parameter, counts.Count, counts.Count + 1));
                        counts.Add(new BandCount(sensor.Id, parameter, segmentFrom, segmentTo, new[] { set.Alert, set.Action }.Where(b => b.IsSet).ToList()));
                        counts.Add(new BandCount(sensor.Id, parameter, segmentFrom, segmentTo, set.Action.IsSet ? [set.Action] : []));
                    }
                }
            }
        }

        var (series, answers) = await readings.QueryAsync(sensors, from, to, counts, cancellationToken);
        var statistics = new List<ParameterStatistics>();
        var completeness = new List<SensorCompleteness>();
        foreach (var sensor in sensors)
        {
            var received = long.MaxValue;
            foreach (var parameter in sensor.Parameters)
            {
                var aggregate = series.GetValueOrDefault((sensor.Id.Value, parameter.WireName())) ?? new SeriesAggregate(0, null, null, null);
                received = Math.Min(received, aggregate.Count);
                var mine = judged.Where(j => j.Sensor == sensor && j.Parameter == parameter).ToList();
                var action = mine.Sum(j => answers[j.Action]);
                var alert = mine.Sum(j => answers[j.Alert]) - action;   // at alert level: beyond the alert band, not beyond the action band
                statistics.Add(new ParameterStatistics(sensor.Room.Value, sensor.Id.Value, parameter.WireName(), parameter.Info().Unit, aggregate.Count,
                    aggregate.Min, aggregate.Max, aggregate.Mean, mine.Count > 0, alert, action, sensor.Interval * alert, sensor.Interval * action)
                {
                    Buckets = aggregate.Buckets,
                });
            }
            completeness.Add(Completeness(sensor, received == long.MaxValue ? 0 : received, from, to, gaps));
        }

        // Only segments whose alert-or-worse count found samples are read back: a clean window costs no extra query.
        var suspect = judged.Where(j => answers[j.Alert] > 0).Select(j => counts[j.Alert]).ToList();
        var samples = await readings.BreachSamplesAsync(suspect, cancellationToken);
        var timeline = new RoomStateTimeline();
        timeline.Load(changes);
        var finder = new BreachFinder(book, timeline);
        var runs = new List<BreachRun>();
        var capped = new List<string>();
        foreach (var sensor in sensors)
        {
            foreach (var parameter in sensor.Parameters)
            {
                if (samples.TryGetValue((sensor.Id.Value, parameter.WireName()), out var found))
                {
                    runs.AddRange(finder.Runs(sensor, parameter, found.Samples));
                    if (found.IsCapped)
                    {
                        capped.Add($"{sensor.Id}/{parameter.WireName()}");
                    }
                }
            }
        }
        return (statistics, completeness, limits, runs, capped);
    }

    private SensorCompleteness Completeness(Sensor sensor, long received, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<Excursion> gaps)
    {
        var measured = SampleCompleteness.Measure(to - from, sensor.Interval, received);
        var (expected, ratio) = (measured.Expected, measured.Ratio);
        var explaining = gaps.Where(g => g.Sensor == sensor.Id || (g.Sensor is null && g.Room == sensor.Room)).ToList();
        var explanation = explaining.Count == 0 ? null
            : string.Join("; ", explaining.Select(g => $"{g.Kind} excursion {g.Id} ({g.Status}), {g.StartedAt:u} to {(g.EndedAt is { } e ? e.ToString("u") : "open")}"));
        return new SensorCompleteness(sensor.Room.Value, sensor.Id.Value, sensor.Location, sensor.Interval, expected, received, ratio,
            ratio < options.Value.MinimumCompleteness && explaining.Count == 0, explanation) { Surplus = measured.Surplus };
    }

    /// <summary>The room's states over [from, to), from the recorded room-state changes (<see cref="RoomStatePeriod.Over"/>,
    /// the rule the trend charts use too).</summary>
    internal static List<(RoomState State, DateTimeOffset From, DateTimeOffset To)> Segments(RoomId room, IReadOnlyList<RoomStateChange> changes,
        DateTimeOffset from, DateTimeOffset to) =>
        RoomStatePeriod.Over(room, changes, from, to).Select(p => (p.State, p.From, p.To)).ToList();

    /// <summary>The version of the limits the record store held for <paramref name="key"/> at <paramref name="at"/>
    /// (the engine records every new version, with its description, in the audit trail), or null when none was recorded by then.</summary>
    private async Task<string?> RecordedVersionAsync(string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var last = (await records.AuditTrailAsync(key, null, at, cancellationToken)).LastOrDefault(r => r.Entry.EntityType == "limit_set");
        if (last?.Entry.NewValue is not { } json)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase)).Value is
                { ValueKind: JsonValueKind.String } version ? version.GetString() : null
            : null;
    }
}
