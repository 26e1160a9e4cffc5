using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Batches;

/// <summary>Judges stored samples the way the excursion tracker judges live ones, one sample at a time and without
/// delays or rules: against the limits of the room state at the sample's own time (<see cref="RoomStateTimeline"/>,
/// <see cref="LimitBook"/>; clean-up uses in-operation limits, a non-monitoring window is not judged). A sample stored
/// out of service or with a fault is not a breach: the out-of-service period and the sensor-fault excursion account for
/// it. Pure: the report gives it the samples (issue 19 item 3).</summary>
public sealed class BreachFinder(LimitBook limits, RoomStateTimeline rooms)
{
    /// <summary>The level of one stored sample: Normal, Alert or Action (bounds inclusive, as <see cref="Band.Breaches"/>).</summary>
    public LimitLevel Level(Sensor sensor, Parameter parameter, StoredSample sample)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.IsOutOfService || sample.Faults != Readings.SampleFaults.None || !double.IsFinite(sample.Value))
        {
            return LimitLevel.Normal;
        }
        var state = rooms.StateAt(sensor.Room, sample.At);
        return limits.Resolve(sensor, parameter, state) is { } set ? set.Classify(sample.Value) : LimitLevel.Normal;
    }

    /// <summary>The alert and action runs of one sensor parameter among <paramref name="samples"/> (in any order).</summary>
    public IReadOnlyList<BreachRun> Runs(Sensor sensor, Parameter parameter, IEnumerable<StoredSample> samples)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(samples);
        return ReleaseRule.Runs(sensor.Id, sensor.Room, parameter, sensor.Interval, samples.Select(s => (s.At, Level(sensor, parameter, s))));
    }
}
