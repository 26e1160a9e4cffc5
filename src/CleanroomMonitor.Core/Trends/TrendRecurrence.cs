using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Trends;

/// <summary>An excursion at a sensor within <see cref="TrendRules.RecurrenceWindow"/> after that sensor returned from out of
/// service (maintenance or calibration): the latest such return before the excursion started.</summary>
/// <param name="HoursAfterReturn">From the return to the excursion's start.</param>
/// <param name="Reason">Why the sensor had been out of service.</param>
public sealed record TrendRecurrence(Guid Excursion, string Sensor, ExcursionKind Kind, LimitLevel Level, DateTimeOffset StartedAt, DateTimeOffset ReturnedAt,
    double HoursAfterReturn, string Reason);
