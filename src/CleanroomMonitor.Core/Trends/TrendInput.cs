using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Trends;

/// <summary>Everything the figures of one room's trend report over [From, To) are computed from, read beforehand from
/// the record store and the time series, so <see cref="TrendFigures.Compute"/> is a pure function.</summary>
/// <param name="AsOf">When the report is made: an excursion still open counts until then (never beyond To).</param>
/// <param name="SiteZone">The site's time zone: the days of the daily chart figures are site days.</param>
/// <param name="Excursions">The room's excursions overlapping the period (started before To, not ended before From).</param>
/// <param name="OutOfService">The room's out-of-service periods (any time: a return before From still precedes a recurrence in it).</param>
public sealed record TrendInput(
    RoomId Room,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    TimeZoneInfo SiteZone,
    IReadOnlyList<TrendSeries> Series,
    IReadOnlyList<Excursion> Excursions,
    IReadOnlyList<OutOfServicePeriod> OutOfService)
{
    /// <summary>The calibrations of the room's sensors from the register (any time, as for <see cref="OutOfService"/>).</summary>
    public IReadOnlyList<CalibrationRecord> Calibrations { get; init; } = [];
}
