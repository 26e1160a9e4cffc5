using System.Diagnostics.Metrics;
using System.Security.Claims;
using System.Text.Json;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Replay;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Replay;

/// <summary>Replays a room's stored period under the current limits and a proposal (docs/excursions.md "Replaying history
/// under other limits"): the readings from InfluxDB, the batches, room states, windows and out-of-service periods from
/// the record store, judged by <see cref="LimitReplay"/>. Shared by the API and the room's replay page. It records
/// nothing: a replay is evidence to look at, kept with a limit change by whoever stores that change.</summary>
public sealed class ReplayRunner(FacilityDefinition facility, ILimitChangeRecords changes, IRecordStore records, ReplayReadings readings, TenantScopes scopes,
    TimeProvider time, IMeterFactory meters, ILogger<ReplayRunner> logger)
{
    /// <summary>The longest period replayed at once: a quarter (92 days), the span of a periodic trend review.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(92);

    private readonly Counter<long> _refused = meters.Create("CleanroomMonitor.Replay")
        .CreateCounter<long>("cleanroom.replays.refused", "{request}", "Limit replays refused, by reason");

    /// <summary>Checks the request, then replays; a refusal says why, is counted and logged, and changes nothing.</summary>
    /// <exception cref="Storage.Influx.InfluxQueryException">InfluxDB refused a query.</exception>
    /// <exception cref="HttpRequestException">InfluxDB is unreachable.</exception>
    public async Task<ChangeOutcome<ReplayComparison>> RunAsync(string room, ReplayRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await TryRunAsync(room, request, user, cancellationToken);
        if (outcome.Value is { } comparison)
        {
            logger.ReplayRun(room, comparison.From, comparison.To, comparison.Readings, comparison.Differences.Count, user.Identity?.Name ?? "unknown");
        }
        else
        {
            _refused.Add(1, new KeyValuePair<string, object?>("reason", outcome.Failure.ToString()));
            logger.ReplayRefused(room, user.Identity?.Name ?? "unknown", outcome.Error ?? "");
        }
        return outcome;
    }

    /// <summary>Reads <paramref name="json"/> as a proposal over <paramref name="inForce"/>, the limits it would change.</summary>
    /// <exception cref="ConfigurationException">Every problem, each with its path in the request body.</exception>
    private static ProposedLimits ReadProposal(string json, FacilityDefinition inForce) => ProposedLimits.Read(json, inForce, "request body", "$.proposed");

    /// <summary>What the engine judges under now: the facility file with every approved change already in force
    /// (docs/gmp.md "Limit changes under change control"), not the bare file, so "current" is the site's current limits.</summary>
    private async Task<FacilityDefinition> InForceAsync(CancellationToken cancellationToken) =>
        LimitSchedule.InForce(facility, await changes.LimitChangesAsync(cancellationToken), time.GetUtcNow());

    private async Task<ChangeOutcome<ReplayComparison>> TryRunAsync(string room, ReplayRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!facility.TryGetRoom(new RoomId(room), out var known) || !await scopes.MayActInRoomAsync(user, room, now, cancellationToken))
        {
            return ChangeOutcome.Fail<ReplayComparison>(ChangeFailure.NotFound, $"unknown room '{room}'");
        }
        if (CheckPeriod(request.From, request.To, now) is { } periodError)
        {
            return Invalid(periodError);
        }
        var (from, to) = (request.From!.Value, request.To!.Value);
        if (request.Proposed is not { ValueKind: JsonValueKind.Object } proposed)
        {
            return Invalid("proposed is required: { \"rooms\": { id: { parameter: limits } }, \"sensors\": { id: { parameter: limits } } }");
        }
        var inForce = await InForceAsync(cancellationToken);
        ProposedLimits proposal;
        try
        {
            proposal = ReadProposal(proposed.GetRawText(), inForce);
        }
        catch (ConfigurationException ex)
        {
            return Invalid(LimitSpecJson.Describe(ex.Errors));
        }
        return ChangeOutcome.Done(await ReplayAsync(known.Id, from, to, inForce, proposal.Apply(inForce), cancellationToken));
    }

    /// <summary>Why a period cannot be replayed (missing, reversed, longer than <see cref="MaxPeriod"/>, not yet ended), or
    /// null when it can: the same rule for a room's replay and a limit change's replay evidence.</summary>
    public static string? CheckPeriod(DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now)
    {
        if (from is not { } start || to is not { } end)
        {
            return "from and to are required (ISO 8601 with an offset, e.g. 2026-11-01T00:00:00Z)";
        }
        if (end <= start)
        {
            return $"the period must end after it starts (from {start:O}, to {end:O})";
        }
        if (end - start > MaxPeriod)
        {
            return $"a replay covers at most {MaxPeriod.TotalDays:0} days; {start:O} to {end:O} is {(end - start).TotalDays:0.#} days";
        }
        return end > now ? $"the period must have ended: to {end:O} is after now ({now:O})" : null;
    }

    /// <summary>The replay of a checked period under two whole definitions, the limits in force now (approved changes
    /// included) and those with the proposal or the change applied.</summary>
    public async Task<ReplayComparison> ReplayAsync(RoomId room, DateTimeOffset from, DateTimeOffset to, FacilityDefinition current, FacilityDefinition proposed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        var sensors = facility.SensorsIn(room).Select(s => s.Id).ToHashSet();
        var period = new ReplayPeriod(room, from, to,
            await records.BatchesAsync(cancellationToken),
            [.. (await records.RoomStateChangesAsync(cancellationToken)).Where(c => c.Room == room)],
            await records.RoomWindowsAsync(cancellationToken),
            [.. (await records.OutOfServiceAsync(cancellationToken)).Where(p => sensors.Contains(p.Sensor))]);
        var replay = new LimitReplay(current, proposed, period);
        await foreach (var reading in readings.ReadAsync(room, from, to, cancellationToken))
        {
            replay.Add(reading);
        }
        return replay.Finish();
    }

    private static ChangeOutcome<ReplayComparison> Invalid(string error) => ChangeOutcome.Fail<ReplayComparison>(ChangeFailure.Invalid, error);
}
