using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Trends;

/// <summary>An excursion at a sensor within <see cref="TrendRules.RecurrenceWindow"/> after that sensor returned from out of
/// service or was calibrated: the latest such event before the excursion started.</summary>
/// <param name="ReturnedAt">When the sensor returned to service, or the calibration's certificate date.</param>
/// <param name="HoursAfterReturn">From <paramref name="ReturnedAt"/> to the excursion's start.</param>
/// <param name="Reason">Why the sensor had been out of service, or the calibration's certificate and result.</param>
/// <param name="Cause">After calibration or after maintenance.</param>
public sealed record TrendRecurrence(Guid Excursion, string Sensor, ExcursionKind Kind, LimitLevel Level, DateTimeOffset StartedAt, DateTimeOffset ReturnedAt,
    double HoursAfterReturn, string Reason, TrendRecurrenceCause Cause);
