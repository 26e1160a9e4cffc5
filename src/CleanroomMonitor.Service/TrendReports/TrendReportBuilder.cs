using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Trends;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>Builds a room's trend report (docs/reports.md "Trend report"): reads the period's and the previous period's
/// excursions, out-of-service periods, room states and samples, and hands them to <see cref="TrendFigures.Compute"/>.</summary>
public sealed class TrendReportBuilder(FacilityDefinition facility, IRecordStore records, ITrendReviewRecords reviews, TrendSamples samples, TimeProvider time,
    ILogger<TrendReportBuilder> logger, ICalibrationRecords? calibration = null)
{
    public async Task<TrendReport> BuildAsync(Room room, TrendPeriod period, string generatedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(period);
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        var zone = facility.Site.TimeZone;
        var changes = await records.RoomStateChangesAsync(cancellationToken);
        var outOfService = (await records.OutOfServiceAsync(cancellationToken)).Where(p => p.Room == room.Id).ToList();
        var previous = period.Previous(zone);
        var figures = await FiguresAsync(room, period.From, period.To, now, changes, outOfService, cancellationToken);
        var before = await FiguresAsync(room, previous.From, previous.To, now, changes, outOfService, cancellationToken);
        var adverse = figures.AdverseAgainst(before);
        var sha = TrendReportHash.Of(figures, adverse);
        var signed = (await reviews.TrendReviewsAsync(room.Id, period.From, period.To, cancellationToken))
            .Select(r => new TrendReviewView(r.Signature.PrintedName, r.Signature.UserName, r.Signature.Role, r.Signature.Meaning, r.Signature.At,
                r.Signature.Method, r.Comment, r.FiguresSha256, r.FiguresSha256 != sha))
            .ToList();
        logger.TrendReportBuilt(room.Id.Value, period.Label, figures.Excursions, adverse.Count, sha, time.GetElapsedTime(started));
        return new TrendReport(room.Id.Value, room.Name, room.Grade?.ToString(), period.From, period.To, period.Label, period.Month, now, generatedBy,
            facility.Site.Name, zone.Id, facility.Version, figures, before, adverse, sha, signed) { IsProvisional = period.To > now };
    }

    private async Task<TrendFigures> FiguresAsync(Room room, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, IReadOnlyList<RoomStateChange> changes,
        IReadOnlyList<Core.Excursions.OutOfServicePeriod> outOfService, CancellationToken cancellationToken)
    {
        var book = new LimitBook(facility);
        var sensors = facility.SensorsIn(room.Id).ToList();
        var excursions = await records.ExcursionsAsync(new ExcursionQuery(Room: room.Id, From: from, To: to, Limit: int.MaxValue), cancellationToken);
        var stored = await samples.ReadAsync(sensors, from, to, cancellationToken);
        var states = RoomStatePeriod.Over(room.Id, changes, from, to);
        var series = sensors.SelectMany(s => s.Parameters.Select(p => new TrendSeries(s.Id, s.Location, s.Interval, p,
            stored.GetValueOrDefault((s.Id.Value, p.WireName())) ?? [], LimitPeriod.Over(book, s, p, states)))).ToList();
        var calibrations = calibration is null ? [] : (await calibration.InstrumentsAsync(cancellationToken))
            .Where(h => sensors.Any(s => s.Id == h.Sensor)).SelectMany(h => h.Calibrations).ToList();
        return TrendFigures.Compute(new TrendInput(room.Id, from, to, now, facility.Site.TimeZone, series, excursions, outOfService) { Calibrations = calibrations });
    }
}
