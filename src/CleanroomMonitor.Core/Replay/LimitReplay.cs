using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Replay;

/// <summary>Replays a room's stored readings of a period under the current and a proposed facility definition at once
/// (one pass over the readings, two trackers), and compares what each would have raised: the evidence shown before a
/// limit change is approved (docs/excursions.md "Replaying history under other limits"). Pure: readings go in, one
/// <see cref="ReplayComparison"/> comes out; it streams, so a 92-day period need not sit in memory.</summary>
/// <remarks>Give the readings in time order, as InfluxDB returns them. Readings of sensors outside the room are skipped.</remarks>
public sealed class LimitReplay
{
    private readonly FacilityDefinition _current;
    private readonly FacilityDefinition _proposed;
    private readonly ReplayPeriod _period;
    private readonly ReplayRun _currentRun;
    private readonly ReplayRun _proposedRun;
    private readonly HashSet<SensorId> _sensors;
    private long _readings;

    public LimitReplay(FacilityDefinition current, FacilityDefinition proposed, ReplayPeriod period)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(period);
        if (!current.TryGetRoom(period.Room, out _) || !proposed.TryGetRoom(period.Room, out _))
        {
            throw new ArgumentException($"room '{period.Room}' is not in both facility definitions", nameof(period));
        }
        if (period.To <= period.From)
        {
            throw new ArgumentException("the period must end after it starts", nameof(period));
        }
        _current = current;
        _proposed = proposed;
        _period = period;
        _sensors = current.SensorsIn(period.Room).Select(s => s.Id).ToHashSet();
        _currentRun = new ReplayRun(current, period);
        _proposedRun = new ReplayRun(proposed, period);
    }

    /// <summary>Replays <paramref name="readings"/> (in time order) and compares.</summary>
    public static ReplayComparison Run(FacilityDefinition current, FacilityDefinition proposed, ReplayPeriod period, IEnumerable<Reading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var replay = new LimitReplay(current, proposed, period);
        foreach (var reading in readings)
        {
            replay.Add(reading);
        }
        return replay.Finish();
    }

    /// <summary>One stored reading, judged under both settings; one outside the room or the period is skipped.</summary>
    public void Add(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (!_sensors.Contains(reading.Sensor) || reading.Timestamp < _period.From || reading.Timestamp >= _period.To)
        {
            return;
        }
        _readings++;
        _currentRun.Add(reading);
        _proposedRun.Add(reading);
    }

    public ReplayComparison Finish()
    {
        var current = _currentRun.Finish();
        var proposed = _proposedRun.Finish();
        var series = _current.SensorsIn(_period.Room)
            .SelectMany(s => s.Parameters.Select(p => new ReplaySeries(s.Id, p,
                ReplayTally.Of(current.Where(e => e.Sensor == s.Id && e.Parameter == p)),
                ReplayTally.Of(proposed.Where(e => e.Sensor == s.Id && e.Parameter == p)))))
            .ToList();
        return new ReplayComparison(_period.Room, _period.From, _period.To, _readings, _current.Version, _proposed.Version, series, current, proposed,
            Differences(current, proposed));
    }

    /// <summary>Excursions are the same one when they have the same sensor, parameter, kind and start.</summary>
    internal static IReadOnlyList<ReplayDifference> Differences(IReadOnlyList<ReplayedExcursion> current, IReadOnlyList<ReplayedExcursion> proposed)
    {
        static (SensorId, Parameter, Excursions.ExcursionKind, DateTimeOffset) Key(ReplayedExcursion e) => (e.Sensor, e.Parameter, e.Kind, e.StartedAt);
        var byKey = proposed.ToDictionary(Key);
        var differences = new List<ReplayDifference>();
        foreach (var before in current)
        {
            if (!byKey.Remove(Key(before), out var after))
            {
                differences.Add(new(before.Sensor, before.Parameter, before.Kind, before.StartedAt, ReplayDifferenceKind.OnlyCurrent, before.Level, null, before.EndedAt, null));
            }
            else if (before.Level != after.Level || before.EndedAt != after.EndedAt)
            {
                var kind = before.Level != after.Level ? ReplayDifferenceKind.LevelChanged : ReplayDifferenceKind.EndChanged;
                differences.Add(new(before.Sensor, before.Parameter, before.Kind, before.StartedAt, kind, before.Level, after.Level, before.EndedAt, after.EndedAt));
            }
        }
        differences.AddRange(byKey.Values.Select(after =>
            new ReplayDifference(after.Sensor, after.Parameter, after.Kind, after.StartedAt, ReplayDifferenceKind.OnlyProposed, null, after.Level, null, after.EndedAt)));
        return differences.OrderBy(d => d.At).ThenBy(d => d.Sensor.Value, StringComparer.Ordinal).ThenBy(d => d.Parameter).ToList();
    }
}
