using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Claims;
using System.Threading.Channels;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Security;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Calibration;

/// <summary>The calibration register (docs/instruments.md "Calibration register"): reads and writes it for the API and
/// the pages with the tenant rule of the room actions, and keeps a frozen copy in memory, so the ingest path flags a
/// reading of an unfit instrument with one dictionary lookup and no I/O. Every write is attributed to the signed-in
/// principal, never to a name a request claims, and wakes <see cref="CalibrationWatch"/> to judge the change at once.</summary>
public sealed class CalibrationRegister(ICalibrationRecords records, FacilityDefinition facility, TenantScopes scopes, EngineView engine,
    IOptions<CalibrationOptions> options, TimeProvider time, IMeterFactory meters, ILogger<CalibrationRegister> logger) : IDisposable
{
    private readonly Counter<long> _refused = meters.Create("CleanroomMonitor.Calibration")
        .CreateCounter<long>("cleanroom.calibration.refused", "{request}", "Calibration register entries refused, by request");

    private volatile Snapshot _snapshot = new(FrozenDictionary<SensorId, InstrumentHistory>.Empty, FrozenDictionary<SensorId, UnfitPeriod[]>.Empty);
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private sealed record Snapshot(FrozenDictionary<SensorId, InstrumentHistory> Instruments, FrozenDictionary<SensorId, UnfitPeriod[]> Unfit);

    public TimeSpan WarningBefore => options.Value.WarningBefore;

    public TimeSpan DefaultInterval => options.Value.DefaultInterval;

    public TimeSpan CheckEvery => options.Value.CheckEvery;

    /// <summary>Signalled after every change of the register.</summary>
    internal ChannelReader<bool> Changed => _changed.Reader;

    /// <summary>Every instrument's history as last loaded.</summary>
    public IReadOnlyCollection<InstrumentHistory> Instruments => _snapshot.Instruments.Values;

    /// <summary>Whether the reading at <paramref name="at"/> was measured while the instrument was overdue or after a
    /// failed calibration: the reason, or null. A lookup in the frozen copy: safe and cheap on the ingest path.</summary>
    public CalibrationState? UnfitAt(SensorId sensor, DateTimeOffset at)
    {
        if (_snapshot.Unfit.TryGetValue(sensor, out var periods))
        {
            foreach (var period in periods)
            {
                if (period.Covers(at))
                {
                    return period.Reason;
                }
            }
        }
        return null;
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await records.InstrumentsAsync(cancellationToken);
        var unfit = all.Select(h => (h.Sensor, Periods: h.UnfitPeriods(DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToArray()))
            .Where(u => u.Periods.Length > 0)
            .ToFrozenDictionary(u => u.Sensor, u => u.Periods);
        _snapshot = new Snapshot(all.ToFrozenDictionary(h => h.Sensor), unfit);
        var now = time.GetUtcNow();
        logger.CalibrationRegisterLoaded(all.Count, unfit.Count(u => u.Value.Any(p => p.Covers(now))));
        _changed.Writer.TryWrite(true);
    }

    /// <summary>The instruments the principal may see (a tenant: those in the rooms it rents now), by due date, those
    /// without one (never calibrated, not in the register) last.</summary>
    public async Task<IReadOnlyList<InstrumentView>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(user, cancellationToken);
        var now = time.GetUtcNow();
        return facility.Sensors.Where(s => scope.HasRoomNow(s.Room, now)).Select(s => View(s, now))
            .OrderBy(v => v.DueAt ?? DateTimeOffset.MaxValue).ThenBy(v => v.Sensor, StringComparer.Ordinal).ToList();
    }

    /// <summary>One instrument with its history; null when unknown or not the principal's.</summary>
    public async Task<InstrumentDetail?> FindAsync(string sensor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await VisibleSensorAsync(sensor, user, cancellationToken) is not { } found)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var history = HistoryOf(found.Id);
        return new InstrumentDetail(View(found, now), history.Assets, history.Calibrations, history.Relocations,
            history.UnfitPeriods(DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }

    public Task<ChangeOutcome<InstrumentAsset>> SaveAssetAsync(string sensor, AssetRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        WriteAsync(sensor, user, async (found, history, now) =>
        {
            var interval = request.CalibrationIntervalDays is { } days ? TimeSpan.FromDays(days) : DefaultInterval;
            if (InstrumentRules.CheckAsset(request.Make, request.Model, request.SerialNumber, request.Location, interval, request.Reason) is { } problem)
            {
                return Refused<InstrumentAsset>(found, user, problem);
            }
            var asset = new InstrumentAsset(found.Id, request.Make!.Trim(), request.Model!.Trim(), request.SerialNumber!.Trim(), request.Location!.Trim(),
                interval, now, user.Identity!.Name!, request.Reason!.Trim());
            await records.SaveInstrumentAssetAsync(asset, Audit(now, user, AuditAction.InstrumentAssetChanged, found, asset.Reason), cancellationToken);
            return Saved(found, user, AuditAction.InstrumentAssetChanged, asset);
        }, cancellationToken);

    public Task<ChangeOutcome<CalibrationRecord>> RecordCalibrationAsync(string sensor, CalibrationRequest request, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        WriteAsync(sensor, user, async (found, history, now) =>
        {
            if (history.Asset is null)
            {
                return Refused<CalibrationRecord>(found, user, $"sensor '{found.Id}' has no entry in the calibration register yet: enter its asset data first");
            }
            var problem = InstrumentRules.CheckCalibration(request.CalibratedAt, request.CertificateReference, request.Result, request.PerformedBy, now)
                ?? (request.Comment is { Length: > InstrumentRules.MaxTextLength } ? $"comment may have at most {InstrumentRules.MaxTextLength} characters" : null);
            if (problem is not null)
            {
                return Refused<CalibrationRecord>(found, user, problem);
            }
            var at = request.CalibratedAt!.Value.ToUniversalTime();
            var periods = engine.Current.OutOfService.Where(p => p.Sensor == found.Id).ToList();
            Guid? period;
            if (request.OutOfServicePeriod is { } id)
            {
                if (periods.All(p => p.Id != id))
                {
                    return Refused<CalibrationRecord>(found, user, $"no out-of-service period {id} of sensor '{found.Id}'");
                }
                period = id;
            }
            else
            {
                // The instrument out of service when it was calibrated: that period was taken for this calibration.
                period = periods.Where(p => p.From <= at && at <= p.End).OrderByDescending(p => p.From).FirstOrDefault()?.Id;
            }
            var calibration = new CalibrationRecord(Guid.CreateVersion7(now), found.Id, at, request.CertificateReference!.Trim(), request.Result!.Value,
                request.PerformedBy!.Trim(), user.Identity!.Name!, now, period, string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim());
            await records.SaveCalibrationAsync(calibration,
                Audit(now, user, AuditAction.InstrumentCalibrated, found, $"certificate {calibration.CertificateReference}: {calibration.Result}"), cancellationToken);
            return Saved(found, user, AuditAction.InstrumentCalibrated, calibration);
        }, cancellationToken);

    public Task<ChangeOutcome<InstrumentRelocation>> RelocateAsync(string sensor, RelocationRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        WriteAsync(sensor, user, async (found, history, now) =>
        {
            var from = history.Location ?? "";
            if (InstrumentRules.CheckRelocation(found, from, request.ToRoom, request.ToLocation, request.Reason) is { } problem)
            {
                return Refused<InstrumentRelocation>(found, user, problem);
            }
            var movedAt = request.MovedAt?.ToUniversalTime() ?? now;
            if (movedAt > now)
            {
                return Refused<InstrumentRelocation>(found, user, string.Create(CultureInfo.InvariantCulture,
                    $"movedAt {movedAt:O} is in the future: a move is recorded after it was made"));
            }
            var move = new InstrumentRelocation(Guid.CreateVersion7(now), found.Id, found.Room, from, found.Room, request.ToLocation!.Trim(), movedAt,
                user.Identity!.Name!, request.Reason!.Trim());
            await records.SaveRelocationAsync(move, Audit(now, user, AuditAction.InstrumentRelocated, found, move.Reason), cancellationToken);
            return Saved(found, user, AuditAction.InstrumentRelocated, move);
        }, cancellationToken);

    public void Dispose() => _writeGate.Dispose();

    private InstrumentHistory HistoryOf(SensorId sensor) =>
        _snapshot.Instruments.TryGetValue(sensor, out var history) ? history : new InstrumentHistory(sensor, [], [], []);

    private InstrumentView View(Sensor sensor, DateTimeOffset now)
    {
        var history = HistoryOf(sensor.Id);
        var asset = history.Asset;
        var status = history.StatusAt(WarningBefore, now);
        return new InstrumentView(sensor.Id.Value, sensor.Room.Value, asset?.Make, asset?.Model, asset?.SerialNumber, history.Location,
            asset is null ? null : (int)asset.CalibrationInterval.TotalDays, status?.State, status?.DueAt, status?.DaysToDue, status?.Last);
    }

    private async Task<Sensor?> VisibleSensorAsync(string sensor, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        !string.IsNullOrWhiteSpace(sensor) && facility.TryGetSensor(new SensorId(sensor), out var found)
            && await scopes.MayActInRoomAsync(user, found.Room.Value, time.GetUtcNow(), cancellationToken)
            ? found
            : null;

    /// <summary>One write at a time, so the old value each audit entry holds is the one just before it; the frozen copy
    /// is reloaded from the store after the write, so memory never holds what the store refused.</summary>
    private async Task<ChangeOutcome<T>> WriteAsync<T>(string sensor, ClaimsPrincipal user,
        Func<Sensor, InstrumentHistory, DateTimeOffset, Task<ChangeOutcome<T>>> write, CancellationToken cancellationToken) where T : class
    {
        if (await VisibleSensorAsync(sensor, user, cancellationToken) is not { } found)
        {
            return ChangeOutcome.Fail<T>(ChangeFailure.NotFound, $"unknown sensor '{sensor}'");
        }
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var outcome = await write(found, HistoryOf(found.Id), time.GetUtcNow());
            if (outcome.Value is not null)
            {
                await LoadAsync(cancellationToken);
            }
            return outcome;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static AuditEntry Audit(DateTimeOffset now, ClaimsPrincipal user, string action, Sensor sensor, string reason) =>
        new(now, user.Identity!.Name!, AuditRoles.Of(user), action, AuditEntity.Sensor, sensor.Id.Value, null, null, reason);

    private ChangeOutcome<T> Saved<T>(Sensor sensor, ClaimsPrincipal user, string action, T value) where T : class
    {
        logger.CalibrationRegisterChanged(action, sensor.Id.Value, user.Identity!.Name!);
        return ChangeOutcome.Done(value);
    }

    private ChangeOutcome<T> Refused<T>(Sensor sensor, ClaimsPrincipal user, string problem) where T : class
    {
        logger.CalibrationEntryRefused(sensor.Id.Value, user.Identity?.Name ?? "", problem);
        _refused.Add(1, new KeyValuePair<string, object?>("request", typeof(T).Name));
        return ChangeOutcome.Fail<T>(ChangeFailure.Invalid, problem);
    }
}
