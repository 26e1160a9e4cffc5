using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Notifications;

namespace CleanroomMonitor.Service.Reports;

/// <summary>Builds the batch EM report (docs/reports.md): the excursions touching the batch, its data gaps, the
/// audit-trail extract, the figures from InfluxDB, and the release verdict.</summary>
public sealed class BatchReportBuilder(FacilityDefinition facility, IRecordStore records, INotificationRecords notifications, ReportFigures figures,
    TimeProvider time, ILogger<BatchReportBuilder> logger, ICalibrationRecords? calibration = null)
{
    public async Task<BatchReport> BuildAsync(Batch batch, string generatedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        var from = batch.StartedAt;
        var to = batch.EndedAt ?? now;

        var outOfService = (await records.OutOfServiceAsync(cancellationToken)).Where(p => batch.Rooms.Contains(p.Room) && p.Overlaps(from, to)).ToList();
        var nonMonitoring = (await records.RoomWindowsAsync(cancellationToken))
            .Where(w => w.Kind == RoomWindowKind.NonMonitoring && batch.Rooms.Contains(w.Room) && w.From < to && w.To > from).ToList();
        var touching = await TouchingAsync(batch, from, to, outOfService, nonMonitoring, cancellationToken);
        var gaps = touching.Where(e => ReportFigures.IsGap(e.Kind)).ToList();
        var sensors = batch.Rooms.Where(r => facility.TryGetRoom(r, out _)).SelectMany(facility.SensorsIn).ToList();
        var (trail, changes) = await ReportAudit.ExtractAsync(records, batch, from, to, touching, sensors, cancellationToken);
        var (statistics, completeness, limits, runs, capped) = await figures.BuildAsync(batch, from, to, gaps, cancellationToken);

        var reviews = await records.BreachReviewsAsync(batch.Number, cancellationToken);
        var unfit = calibration is null ? [] : (await calibration.InstrumentsAsync(cancellationToken))
            .Where(h => sensors.Any(s => s.Id == h.Sensor))
            .SelectMany(h => h.UnfitPeriods(from, to).Select(p => new ReportCalibration(h.Sensor.Value, sensors.First(s => s.Id == h.Sensor).Room.Value,
                p.Reason == CalibrationState.Failed ? "failed its last calibration" : "overdue for calibration", p.From, p.To)))
            .ToList();
        var excursions = new List<ReportExcursion>();
        foreach (var e in touching)
        {
            // The report goes to the batch's tenant: its own people's and the facility's notifications, not another tenant's.
            var delivered = (await notifications.DeliveriesAsync(e.Id, cancellationToken)).Where(d => d.VisibleTo(batch.Tenant)).ToList();
            excursions.Add(ToReport(e, batch.Number) with { Notifications = DeliveryLines.Of(delivered) });
        }
        var report = new BatchReport(
            batch, from, to, now, generatedBy, facility.Site.Name, facility.Site.TimeZone.Id, facility.Version,
            touching.Select(e => e.FacilityVersion).Append(facility.Version).Distinct(StringComparer.Ordinal).ToList(),
            ReleaseRule.Judge(new ReleaseInput(batch, to, touching,
                completeness.Select(c => new CompletenessFinding(new RoomId(c.Room), new SensorId(c.Sensor), c.Expected, c.Received, c.Ratio, c.IsUnexplainedGap)).ToList(),
                runs, capped, outOfService, nonMonitoring, reviews)),
            excursions.Where(e => !ReportFigures.IsGap(e.Kind)).ToList(),
            excursions.Where(e => ReportFigures.IsGap(e.Kind)).ToList(),
            changes, trail, statistics, completeness, limits)
        {
            OutOfService = outOfService
                .Select(p => new ReportOutOfService(p.Sensor.Value, p.Room.Value, p.Parameter?.WireName(), p.From, p.ReturnedAt, p.ExpectedEnd, p.Reason, p.By,
                    p.ReturnedBy, p.ReturnReason))
                .ToList(),
            Calibration = unfit,
            BreachRuns = runs.Select(r => ToReport(r, to, touching, reviews)).ToList(),
            CappedSeries = capped,
            RoomNames = batch.Rooms.Where(r => facility.TryGetRoom(r, out _))
                .ToDictionary(r => r.Value, r => facility.TryGetRoom(r, out var room) ? room.Name : r.Value, StringComparer.Ordinal),
        };
        logger.BatchReportBuilt(batch.Number, report.Verdict.ClearForRelease, excursions.Count, statistics.Count, time.GetElapsedTime(started));
        return report;
    }

    /// <summary>Excursions linked to the batch, and excursions in its rooms that overlap its period (linked or not: a
    /// room-level event the engine could not tie to it is still the AP's business), and the System excursions that record
    /// the monitoring stops overlapping it (a non-monitoring window declared before the batch started raised its System
    /// excursion then). Those needing a decision first.</summary>
    private async Task<List<Excursion>> TouchingAsync(Batch batch, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<OutOfServicePeriod> outOfService,
        IReadOnlyList<RoomWindow> nonMonitoring, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, Excursion>();
        foreach (var excursion in await records.ExcursionsAsync(new ExcursionQuery(Batch: batch.Number, Limit: int.MaxValue), cancellationToken))
        {
            found[excursion.Id] = excursion;
        }
        foreach (var room in batch.Rooms)
        {
            foreach (var excursion in await records.ExcursionsAsync(new ExcursionQuery(Room: room, From: from, To: to, Limit: int.MaxValue), cancellationToken))
            {
                found[excursion.Id] = excursion;
            }
        }
        foreach (var period in outOfService)
        {
            // The System excursion is raised at the moment the period starts.
            var query = new ExcursionQuery(Room: period.Room, From: period.From, To: period.From, Limit: int.MaxValue);
            foreach (var excursion in (await records.ExcursionsAsync(query, cancellationToken)).Where(e => ReleaseRule.Records(e, period)))
            {
                found[excursion.Id] = excursion;
            }
        }
        foreach (var window in nonMonitoring)
        {
            // Declared (and its System excursion raised) at or before the window's start; newest first.
            var query = new ExcursionQuery(Room: window.Room, To: window.From, Limit: 1000);
            foreach (var excursion in (await records.ExcursionsAsync(query, cancellationToken)).Where(e => ReleaseRule.Records(e, window)))
            {
                found[excursion.Id] = excursion;
            }
        }
        return found.Values
            .OrderByDescending(e => e.Status != ExcursionStatus.Closed)
            .ThenByDescending(e => e.Level)
            .ThenBy(e => e.StartedAt)
            .ToList();
    }

    /// <summary>A breach run with what accounts for it: the first excursion that covers it (<see cref="ReleaseRule.Explains"/>),
    /// else the first review that covers that very run.</summary>
    private ReportBreachRun ToReport(BreachRun run, DateTimeOffset to, IReadOnlyList<Excursion> touching, IReadOnlyList<BreachReview> reviews)
    {
        var explained = touching.FirstOrDefault(e => ReleaseRule.Explains(e, run, to));
        var review = explained is null ? reviews.FirstOrDefault(r => r.Covers(run)) : null;
        return new ReportBreachRun(run.Room.Value, run.Sensor.Value, run.Parameter.WireName(), run.Level, run.First, run.Last, run.Count, run.Interval,
            explained?.Id, review is null ? null : new ReportBreachReview(review.Id, Sign(review.Signature)!, review.Reason));
    }

    private ReportExcursion ToReport(Excursion e, string batch)
    {
        var impact = e.Closure?.Impacts.FirstOrDefault(i => i.Batch == batch);
        return new ReportExcursion(e.Id, e.Kind, e.Level, e.Status, e.Room.Value, e.Sensor?.Value, e.Parameter?.WireName(), e.Rule, e.TriggerValue, e.Limit,
            e.LimitsVersion, e.StartedAt, e.EndedAt, e.PeakValue, e.Batches.Contains(batch), e.Status != ExcursionStatus.Closed,
            Sign(e.Acknowledgement?.Signature), e.Acknowledgement?.Cause, e.Acknowledgement?.Comment, e.Acknowledgement?.ImmediateAction,
            Sign(e.Closure?.Signature), e.Closure?.Deviation, e.Closure?.Capa, e.Closure?.Comment, impact?.Decision, impact?.Reason)
        {
            FoundLate = e.FoundLate,
            FromHistoricalData = e.FromHistoricalData,
        };
    }

    private ReportSignature? Sign(Signature? signature) => signature is null ? null
        : new ReportSignature(signature.PrintedName, signature.UserName, signature.Role, signature.Meaning, signature.At,
            TimeZoneInfo.ConvertTime(signature.At, facility.Site.TimeZone), signature.Method);
}
