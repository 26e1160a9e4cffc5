using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Claims;
using CleanroomMonitor.Core.AlertLevels;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.AlertLevels;

/// <summary>Alert-level proposals from stored data (Annex 1 9.9), shared by GET /api/rooms/{room}/alert-proposal and the
/// room's alert-levels page: checks the request, takes the room's state periods from the record store and the limits in
/// force from the engine, reads the samples from InfluxDB and lets <see cref="AlertProposer"/> compute. Nothing is stored:
/// a proposal is the start of a limit change, which goes through change control. Every refusal is counted and logged.</summary>
public sealed class AlertProposals(FacilityDefinition facility, IRecordStore records, EngineView view, AlertSampleReader reader, IMeterFactory meters,
    ILogger<AlertProposals> logger)
{
    /// <summary>The longest period a proposal reads: a year and a day, enough for an annual review and a leap year.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    public const double DefaultTail = 0.01;

    private readonly Counter<long> _refused = meters.Create("CleanroomMonitor.AlertLevels")
        .CreateCounter<long>("cleanroom.alert_proposals.refused", "{request}", "Alert-level proposals refused, by status");

    /// <summary>Operators and QA of the facility itself: alert levels are the facility's, not a tenant's.</summary>
    public static bool MayPropose(ClaimsPrincipal user) =>
        user?.Identity?.IsAuthenticated == true && !user.HasClaim(c => c.Type == ClaimNames.Tenant)
        && (user.IsInRole(nameof(Role.Operator)) || user.IsInRole(nameof(Role.QA)));

    public async Task<AlertProposalOutcome> ProposeAsync(AlertProposalRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await ComputeAsync(request, user, cancellationToken);
        var who = user.Identity?.Name ?? "anonymous";
        if (outcome.Value is { } proposal)
        {
            logger.AlertLevelProposed(proposal.Room, proposal.Parameter, proposal.State, who, proposal.Summary);
        }
        else
        {
            _refused.Add(1, new KeyValuePair<string, object?>("status", outcome.StatusCode));
            logger.AlertProposalRefused(request.Room, who, outcome.StatusCode, outcome.Error!);
        }
        return outcome;
    }

    private async Task<AlertProposalOutcome> ComputeAsync(AlertProposalRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!MayPropose(user))
        {
            return AlertProposalOutcome.Fail(StatusCodes.Status403Forbidden, "alert levels are proposed by the facility's Operators and QA");
        }
        if (!facility.TryGetRoom(new RoomId(request.Room), out var room))
        {
            return AlertProposalOutcome.Fail(StatusCodes.Status404NotFound, $"no room '{request.Room}' in the facility");
        }
        if (request.Parameter is null || !ParameterCatalog.TryParse(request.Parameter, out var info))
        {
            return AlertProposalOutcome.Fail(StatusCodes.Status404NotFound, $"parameter '{request.Parameter}' is not one of {ParameterCatalog.Names}");
        }
        if (ParseState(request.State) is not { } state)
        {
            return Bad($"state '{request.State}' must be 'at-rest' or 'in-operation'");
        }
        if (ParseTime(request.From) is not { } from)
        {
            return Bad($"from '{request.From}' is not an ISO 8601 time with an offset (e.g. 2026-05-01T00:00:00Z)");
        }
        if (ParseTime(request.To) is not { } to)
        {
            return Bad($"to '{request.To}' is not an ISO 8601 time with an offset (e.g. 2026-06-01T00:00:00Z)");
        }
        if (from >= to)
        {
            return Bad($"from ({from:O}) must be before to ({to:O})");
        }
        if (to - from > MaxPeriod)
        {
            return Bad(string.Create(CultureInfo.InvariantCulture, $"the period is {(to - from).TotalDays:0.#} days; at most {MaxPeriod.TotalDays:0} days are read at once"));
        }
        if (ParseTail(request.Tail) is not { } tail)
        {
            return Bad(string.Create(CultureInfo.InvariantCulture,
                $"tail '{request.Tail}' must be a probability from {AlertProposer.MinimumTail} to {AlertProposer.MaximumTail} (0.01 = 1 % of samples may reach the level)"));
        }
        var sensors = facility.SensorsIn(room.Id).Where(s => s.Measures(info.Parameter)).ToList();
        if (request.Sensor is { } sensorId)
        {
            sensors = sensors.Where(s => s.Id.Value == sensorId).ToList();
            if (sensors.Count == 0)
            {
                return AlertProposalOutcome.Fail(StatusCodes.Status404NotFound, $"no sensor '{sensorId}' measuring {info.Name} in room '{room.Id}'");
            }
        }
        if (sensors.Count == 0)
        {
            return AlertProposalOutcome.Fail(StatusCodes.Status404NotFound, $"room '{room.Id}' has no sensor measuring {info.Name}");
        }
        var book = view.Current.Limits;
        var limits = sensors.Select(s => book.Resolve(s, info.Parameter, state)).ToList();
        if (limits.Select(l => (l?.Alert, l?.Action)).Distinct().Count() > 1)
        {
            return Bad($"the sensors {string.Join(", ", sensors.Select(s => s.Id))} of room '{room.Id}' have different {info.Name} limits: name one with sensor=");
        }
        var periods = RoomStatePeriod.Over(room.Id, await records.RoomStateChangesAsync(cancellationToken), from, to);
        IReadOnlyList<AlertSample> samples;
        try
        {
            samples = await reader.ReadAsync([.. sensors.Select(s => s.Id)], info.Parameter, [.. periods.Where(p => p.State == state)], cancellationToken);
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            return AlertProposalOutcome.Fail(StatusCodes.Status503ServiceUnavailable, "InfluxDB did not answer the query: " + ex.Message);
        }
        if (samples.Count == 0)
        {
            return AlertProposalOutcome.Fail(StatusCodes.Status422UnprocessableEntity,
                $"no valid {info.Name} samples of room '{room.Id}' taken {(state == RoomState.AtRest ? "at rest" : "in operation")} between {from:O} and {to:O}");
        }
        var proposal = AlertProposer.Propose(info.Parameter, state, limits[0], periods, samples, tail);
        return AlertProposalOutcome.Done(View(room.Id, sensors, from, to, proposal));
    }

    private static AlertProposalView View(RoomId room, List<Sensor> sensors, DateTimeOffset from, DateTimeOffset to, AlertProposal proposal) => new(
        room.Value,
        [.. sensors.Select(s => s.Id.Value)],
        proposal.Parameter.WireName(),
        proposal.Unit,
        proposal.State == RoomState.InOperation ? "in-operation" : "at-rest",
        from,
        to,
        AlertProposalText.MethodName(proposal.Method),
        proposal.SampleCount,
        proposal.TailProbability,
        proposal.Fit?.Mean,
        proposal.Fit?.Variance,
        proposal.Fit?.R,
        proposal.Fit?.P,
        proposal.SampleLitres,
        [.. proposal.Levels.Select(l => new ProposedLevelView(l.Side == BreachSide.High ? "high" : "low", l.Value, l.Estimate, l.Percentile, l.CountPerSample,
            l.ModelTailProbability, l.FractionBreaching, l.Note))],
        new BandView(proposal.CurrentAlert.Low, proposal.CurrentAlert.High),
        new BandView(proposal.CurrentAction.Low, proposal.CurrentAction.High),
        proposal.Warnings,
        AlertProposalText.Describe(proposal));

    private static AlertProposalOutcome Bad(string error) => AlertProposalOutcome.Fail(StatusCodes.Status400BadRequest, error);

    private static RoomState? ParseState(string? state) => state switch
    {
        "at-rest" => RoomState.AtRest,
        "in-operation" => RoomState.InOperation,
        _ => null,
    };

    // An offset is required: a bare local time would be read in the server's zone, not the reader's.
    private static DateTimeOffset? ParseTime(string? text) =>
        text is not null && text.Length > 10 && (text.EndsWith('Z') || text[^6] is '+' or '-')
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static double? ParseTail(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DefaultTail;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var tail)
            && tail >= AlertProposer.MinimumTail && tail <= AlertProposer.MaximumTail ? tail : null;
    }
}
