using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Calibration;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Instruments;

/// <summary>One instrument: its register entry, calibrations, moves and flagged periods, and the forms to enter them.
/// A calibration entry is a record attributed to the signed-in person, not a signature: no password is asked.</summary>
public sealed class DetailModel(CalibrationRegister register, EngineView engine, SiteClock clock, IAuthorizationService authorization) : PageModel
{
    public InstrumentDetail Detail { get; private set; } = null!;

    public bool CanEnter { get; private set; }

    /// <summary>The sensor's out-of-service periods, latest first, for the calibration form's link.</summary>
    public IReadOnlyList<OutOfServicePeriod> Periods { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public AssetInput Asset { get; set; } = new();

    [BindProperty]
    public CalibrationInput Calibration { get; set; } = new();

    [BindProperty]
    public RelocationInput Move { get; set; } = new();

    public SiteClock Clock => clock;

    public int DefaultIntervalDays => (int)register.DefaultInterval.TotalDays;

    public async Task<IActionResult> OnGetAsync(string sensor, CancellationToken cancellationToken) =>
        await LoadAsync(sensor, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssetAsync(string sensor, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Calibrate)).Succeeded)
        {
            return Forbid();
        }
        var outcome = await register.SaveAssetAsync(sensor,
            new AssetRequest(Asset.Make, Asset.Model, Asset.SerialNumber, Asset.Location, Asset.IntervalDays, Asset.Reason), User, cancellationToken);
        return await AfterAsync(sensor, outcome, a => $"Register entry of {a.Sensor} saved.", cancellationToken);
    }

    public async Task<IActionResult> OnPostCalibrationAsync(string sensor, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Calibrate)).Succeeded)
        {
            return Forbid();
        }
        var request = new CalibrationRequest(Calibration.CalibratedAt is { } at ? clock.FromSiteTime(at) : null, Calibration.Certificate, Calibration.Result,
            Calibration.PerformedBy, Calibration.OutOfServicePeriod, Calibration.Comment);
        var outcome = await register.RecordCalibrationAsync(sensor, request, User, cancellationToken);
        return await AfterAsync(sensor, outcome, c => $"Calibration {c.CertificateReference} ({c.Result}) recorded.", cancellationToken);
    }

    public async Task<IActionResult> OnPostRelocationAsync(string sensor, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Calibrate)).Succeeded)
        {
            return Forbid();
        }
        var outcome = await register.RelocateAsync(sensor, new RelocationRequest(null, Move.ToLocation, null, Move.Reason), User, cancellationToken);
        return await AfterAsync(sensor, outcome, m => $"Move to '{m.ToLocation}' recorded.", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync<T>(string sensor, ChangeOutcome<T> outcome, Func<T, string> notice, CancellationToken cancellationToken)
        where T : class
    {
        if (outcome.Value is { } value)
        {
            Notice = notice(value);
            return RedirectToPage(new { sensor });   // post-redirect-get: a reload does not enter it twice
        }
        if (!await LoadAsync(sensor, cancellationToken))
        {
            return NotFound();
        }
        Error = outcome.Error;
        Response.StatusCode = outcome.StatusCode;
        return Page();
    }

    private async Task<bool> LoadAsync(string sensor, CancellationToken cancellationToken)
    {
        if (await register.FindAsync(sensor, User, cancellationToken) is not { } detail)
        {
            return false;
        }
        Detail = detail;
        CanEnter = (await authorization.AuthorizeAsync(User, Policies.Calibrate)).Succeeded;
        Periods = engine.Current.OutOfService.Where(p => p.Sensor.Value == detail.Instrument.Sensor).OrderByDescending(p => p.From).ToList();
        return true;
    }
}
