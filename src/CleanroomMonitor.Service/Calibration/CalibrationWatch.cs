using System.Globalization;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Evaluation;

namespace CleanroomMonitor.Service.Calibration;

/// <summary>Judges the register against the clock (docs/instruments.md "Calibration register"): every
/// <see cref="CalibrationOptions.CheckEvery"/> and at once after a change, each instrument's state goes to the excursion
/// engine, which raises its Calibration excursion at alert level inside the warning window, escalates it to action level
/// when overdue or failed, and returns it on a passing calibration; the engine records and notifies it like any other.</summary>
internal sealed class CalibrationWatch(CalibrationRegister register, RegisterBaseline baseline, ExcursionEngine engine, TimeProvider time, ILogger<CalibrationWatch> logger)
    : BackgroundService
{
    private readonly Dictionary<SensorId, LimitLevel> _told = [];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the sources open: the first readings after a start must already meet the register.
        await baseline.SeedAsync(cancellationToken);
        await register.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await JudgeAsync(stoppingToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var changed = register.Changed.WaitToReadAsync(wait.Token).AsTask();
                await Task.WhenAny(Task.Delay(register.CheckEvery, time, wait.Token), changed);
                await wait.CancelAsync();
                register.Changed.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task JudgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var history in register.Instruments)
        {
            if (history.StatusAt(register.WarningBefore, now) is not { } status)
            {
                continue;
            }
            var (level, detail) = Describe(history, status);
            if (_told.TryGetValue(history.Sensor, out var told) ? told == level : level == LimitLevel.Normal)
            {
                continue;
            }
            await engine.ReportCalibrationStateAsync(history.Sensor, level, detail, -(status.DaysToDue ?? 0), now, cancellationToken);
            _told[history.Sensor] = level;
            logger.CalibrationStateChanged(history.Sensor.Value, status.State.ToString(), detail);
        }
    }

    /// <summary>The excursion level of a state and the words its rule carries into the record and the notifications.</summary>
    internal static (LimitLevel Level, string Detail) Describe(InstrumentHistory history, CalibrationStatus status)
    {
        var asset = history.Asset!;
        var instrument = $"{asset.Make} {asset.Model} SN {asset.SerialNumber}";
        var due = status.DueAt is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        return status.State switch
        {
            CalibrationState.DueSoon => (LimitLevel.Alert, string.Create(CultureInfo.InvariantCulture,
                $"calibration due on {due} (in {status.DaysToDue} days): {instrument}")),
            CalibrationState.Overdue => (LimitLevel.Action, $"calibration overdue since {due}: {instrument}; its readings are flagged until a passing calibration"),
            CalibrationState.Failed => (LimitLevel.Action, string.Create(CultureInfo.InvariantCulture,
                $"calibration failed on {status.Last!.CalibratedAt:yyyy-MM-dd} (certificate {status.Last.CertificateReference}): {instrument} is unfit until a passing calibration")),
            _ => (LimitLevel.Normal, status.Last is { } last
                ? string.Create(CultureInfo.InvariantCulture, $"calibrated on {last.CalibratedAt:yyyy-MM-dd} (certificate {last.CertificateReference}, {last.Result}); next due {due}")
                : "no calibration recorded"),
        };
    }
}
