using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Trends;

/// <summary>One sensor parameter of the room over the trend period: its stored samples and the limits in force over the
/// period (<see cref="LimitPeriod.Over"/>, one entry per room-state period).</summary>
/// <param name="Location">The sensor's location, for the repeats at one place.</param>
/// <param name="Interval">The sensor's sampling interval, for the expected sample count.</param>
public sealed record TrendSeries(SensorId Sensor, string Location, TimeSpan Interval, Parameter Parameter, IReadOnlyList<StoredSample> Samples,
    IReadOnlyList<LimitPeriod> Limits);
