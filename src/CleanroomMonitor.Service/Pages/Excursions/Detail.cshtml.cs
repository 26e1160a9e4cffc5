using System.Security.Claims;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Excursions;

/// <summary>One excursion: its facts, the limits in force, linked batches, its history, the trend around it, the
/// signatures, and the forms to acknowledge (Operator, QA) and close (QA). The forms go through
/// <see cref="ExcursionReview"/>, the same code as the JSON API; the role is checked again on every POST.</summary>
public sealed class DetailModel(ExcursionReview review, IAuthorizationService authorization, FacilityDefinition facility, EngineView view,
    Trends trends, SiteClock clock, CleanroomMonitor.Service.Notifications.NotificationAdministration notifications,
    CleanroomMonitor.Service.Notifications.ExcursionTenants excursionTenants, INotificationRecords notificationRecords, IRecordStore records) : PageModel
{
    // The page offers exactly the rule's lists (Core ReviewRules), so a form cannot sign anything the API would refuse.
    public static IReadOnlyList<string> AcknowledgeMeanings => ReviewRules.AcknowledgeMeanings;

    public static IReadOnlyList<string> CloseMeanings => ReviewRules.CloseMeanings;

    public static IReadOnlyList<string> Decisions => ReviewRules.ImpactDecisions;

    public static IReadOnlyList<string> ShelveMeanings => ReviewRules.ShelveMeanings;

    private static readonly TimeSpan[] ShelvePeriods =
        [TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8)];

    /// <summary>The shelving periods offered: up to <see cref="SecurityOptions.MaxShelveDuration"/>, counted from the signing.</summary>
    public IReadOnlyList<TimeSpan> ShelveDurations => ShelvePeriods.Where(p => p <= review.MaxShelveDuration).ToList();

    public Excursion Excursion { get; private set; } = null!;

    public IReadOnlyList<string> Causes => review.AssignableCauses;

    public bool CanAcknowledge { get; private set; }

    public bool CanClose { get; private set; }

    public bool CanShelve { get; private set; }

    /// <summary>This session's next signature needs the user id too (its first, or the first after a pause longer than
    /// <see cref="SecurityOptions.SigningSessionIdle"/>): the forms show the user id field and require it.</summary>
    public bool UserIdRequired { get; private set; }

    /// <summary>QA who could close it, but some linked batch is another tenant's: the facility's QA closes it.</summary>
    public bool ClosesElsewhere { get; private set; }

    public TrendChart? Chart { get; private set; }

    /// <summary>The limits in force when it was judged, read back from the record's copy; null when it has none or the
    /// copy could not be read exactly (then the recorded text is shown).</summary>
    public RecordedLimits? LimitsInForce { get; private set; }

    /// <summary>The "What happens next" box.</summary>
    public NextSteps Next { get; private set; } = new([], [], []);

    /// <summary>The delivery record: who was notified, how, and what each server answered.</summary>
    public IReadOnlyList<CleanroomMonitor.Core.Notifications.Delivery> Deliveries { get; private set; } = [];

    public string? TrendProblem { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public AcknowledgeInput Acknowledge { get; set; } = new();

    [BindProperty]
    public CloseInput Close { get; set; } = new();

    [BindProperty]
    public ShelveInput Shelve { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded)
        {
            return Forbid();
        }
        var outcome = await review.AcknowledgeAsync(id,
            new AcknowledgeRequest(Acknowledge.Password, Acknowledge.Meaning, Acknowledge.Cause, Acknowledge.Comment, Acknowledge.ImmediateAction,
                Acknowledge.UserName), User, cancellationToken);
        return await AfterAsync(id, outcome, "Acknowledged and signed.", cancellationToken);
    }

    public async Task<IActionResult> OnPostShelveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded)
        {
            return Forbid();
        }
        // The expiry is counted from now on the server: the form offers periods, not a clock time the browser could skew.
        DateTimeOffset? until = Shelve.Minutes is > 0 ? clock.Now.AddMinutes(Shelve.Minutes.Value) : null;
        var outcome = await review.ShelveAsync(id, new ShelveRequest(Shelve.Password, Shelve.Meaning, Shelve.Reason, until, Shelve.UserName), User, cancellationToken);
        return await AfterAsync(id, outcome, "Shelved and signed.", cancellationToken);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Review)).Succeeded)
        {
            return Forbid();
        }
        var impacts = Close.Impacts.Where(i => !string.IsNullOrWhiteSpace(i.Batch))
            .Select(i => new ProductImpact(i.Batch!, i.Decision ?? "", i.Reason ?? "")).ToList();
        var outcome = await review.CloseAsync(id, new CloseRequest(Close.Password, Close.Meaning, Close.Deviation, impacts, Close.Capa, Close.Comment,
            Close.UserName), User, cancellationToken);
        return await AfterAsync(id, outcome, "Closed and signed.", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Guid id, ReviewOutcome outcome, string notice, CancellationToken cancellationToken)
    {
        if (outcome.Failure == ReviewFailure.NotFound || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (outcome.Succeeded)
        {
            Notice = notice;
            return RedirectToPage(new { id });   // post-redirect-get: a reload does not sign twice
        }
        Error = outcome.Error;
        Response.StatusCode = outcome.Failure switch
        {
            ReviewFailure.Signature => StatusCodes.Status401Unauthorized,
            ReviewFailure.Sequence => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        Acknowledge.Password = null;
        Close.Password = null;
        Shelve.Password = null;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await review.VisibleAsync(id, User, cancellationToken) is not { } excursion)
        {
            return false;
        }
        Excursion = excursion;
        UserIdRequired = review.UserIdRequired(User);
        CanAcknowledge = excursion.Status is ExcursionStatus.Unacknowledged or ExcursionStatus.Shelved or ExcursionStatus.ReturnedUnacknowledged
            && (await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded;
        CanShelve = excursion is { Status: ExcursionStatus.Unacknowledged, IsActive: true } && (await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded;
        var mayClose = excursion.Status is ExcursionStatus.ReturnedToNormal && (await authorization.AuthorizeAsync(User, Policies.Review)).Succeeded;
        // Every linked batch needs a decision and a tenant's QA decides only for its own tenant's batches (ReviewRules),
        // so the form is offered only to a signer who can decide for all of them.
        var inScope = await review.InScopeAsync(User, cancellationToken);
        var allInScope = excursion.Batches.All(inScope);
        CanClose = mayClose && allInScope;
        ClosesElsewhere = mayClose && !allInScope;
        if (Close.Impacts.Count == 0)
        {
            Close.Impacts = excursion.Batches.Where(inScope).Select(b => new ImpactInput { Batch = b }).ToList();
        }
        Deliveries = await notifications.DeliveriesAsync(excursion.Id, User, cancellationToken);
        LimitsInForce = RecordedLimits.TryParse(excursion.Limits, out var recorded) ? recorded : null;
        Next = await NextStepsAsync(excursion, cancellationToken);
        await ChartAsync(excursion, cancellationToken);
        return true;
    }

    /// <summary>Who acts next: the tenants it concerns and its escalations, cut to what the viewer may know (a tenant's
    /// user learns neither another tenant's name nor the routes made for another tenant, nor routes no longer in the plan,
    /// whose tenants cannot be told).</summary>
    private async Task<NextSteps> NextStepsAsync(Excursion excursion, CancellationToken cancellationToken)
    {
        var viewerTenant = User.FindFirstValue(ClaimNames.Tenant);
        var plan = notifications.Plan;
        var tenants = (await excursionTenants.OfAsync(excursion, cancellationToken)).Where(t => viewerTenant is null || t == viewerTenant).ToList();
        var batchTenants = (await records.BatchesAsync(cancellationToken)).Where(b => excursion.Batches.Contains(b.Number))
            .Select(b => b.Tenant).Distinct(StringComparer.Ordinal).ToList();
        var escalations = (await notificationRecords.EscalationsOfAsync(excursion.Id, cancellationToken))
            .Where(e => viewerTenant is null || (plan.Route(e.Route) is { } route && (route.Tenants is null || route.Tenants.Contains(viewerTenant)))).ToList();
        return NextSteps.For(excursion, tenants, batchTenants, escalations, plan, viewerTenant);
    }

    /// <summary>The trend around the excursion: from half an hour before it started to half an hour after it ended (or now).</summary>
    private async Task ChartAsync(Excursion excursion, CancellationToken cancellationToken)
    {
        if (excursion.Sensor is not { } sensorId || excursion.Parameter is not { } parameter || !facility.TryGetSensor(sensorId, out var sensor))
        {
            return;
        }
        var margin = TimeSpan.FromMinutes(30);
        var from = excursion.StartedAt - margin;
        var to = excursion.EndedAt is { } end && end + margin < clock.Now ? end + margin : clock.Now;
        var inScope = await review.InScopeAsync(User, cancellationToken);
        var backdrop = await trends.BackdropAsync(excursion.Room, from, to, b => inScope(b.Number), cancellationToken);
        var limits = LimitPeriod.Over(view.Current.Limits, sensor, parameter, backdrop.States);
        try
        {
            var series = await trends.QueryAsync(excursion.Room, sensorId, parameter, from, to, cancellationToken);
            Chart = TrendChart.Build($"{sensorId} · {LiveBoard.Label(parameter)} around the excursion", parameter, series.Count > 0 ? series[0] : null, limits, from, to,
                clock.Chart, backdrop.Batches, parameter.Info().IsParticleCount, (excursion.StartedAt, excursion.EndedAt));
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            TrendProblem = "The trend could not be read from InfluxDB: " + ex.Message;
        }
    }

    public static string SignedAs(Signature signature) => $"{signature.PrintedName} ({signature.UserName}, {signature.Role})";
}

public sealed class AcknowledgeInput
{
    /// <summary>The user id: required on the session's first signature (<see cref="DetailModel.UserIdRequired"/>).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? Meaning { get; set; }

    public string? Cause { get; set; }

    public string? Comment { get; set; }

    public string? ImmediateAction { get; set; }
}

public sealed class ShelveInput
{
    /// <summary>The user id: required on the session's first signature (<see cref="DetailModel.UserIdRequired"/>).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? Meaning { get; set; }

    public string? Reason { get; set; }

    /// <summary>How long to shelve, in minutes from the signing.</summary>
    public int? Minutes { get; set; }
}

public sealed class CloseInput
{
    /// <summary>The user id: required on the session's first signature (<see cref="DetailModel.UserIdRequired"/>).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? Meaning { get; set; }

    public string? Deviation { get; set; }

    public IList<ImpactInput> Impacts { get; set; } = [];

    public string? Capa { get; set; }

    public string? Comment { get; set; }
}

public sealed class ImpactInput
{
    public string? Batch { get; set; }

    public string? Decision { get; set; }

    public string? Reason { get; set; }
}
