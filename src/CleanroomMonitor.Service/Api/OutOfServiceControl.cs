using System.Security.Claims;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Api;

/// <summary>Taking a room's sensors out of service and back, shared by /api/rooms/{room}/out-of-service and the room
/// page: the tenant rule of the room actions (a tenant acts only in rooms it rents now; another room is "not found"),
/// the same validation, and the audit entries with who, when, why and the period before and after.</summary>
public sealed class OutOfServiceControl(TenantScopes scopes, FacilityDefinition facility, ExcursionEngine engine, EngineView view, TimeProvider time)
{
    /// <summary>The periods of the room's sensors known to the engine, latest first; null when the room is unknown or
    /// not the principal's.</summary>
    public async Task<IReadOnlyList<OutOfServicePeriod>?> ListAsync(string room, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await scopes.MayActInRoomAsync(user, room, time.GetUtcNow(), cancellationToken))
        {
            return null;
        }
        var id = new RoomId(room);
        return view.Current.OutOfService.Where(p => p.Room == id).OrderByDescending(p => p.From).ToList();
    }

    public async Task<ChangeOutcome<OutOfServicePeriod>> TakeAsync(string room, OutOfServiceRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await scopes.MayActInRoomAsync(user, room, time.GetUtcNow(), cancellationToken))
        {
            return ChangeOutcome.Fail<OutOfServicePeriod>(ChangeFailure.NotFound, $"unknown room '{room}'");
        }
        if (string.IsNullOrWhiteSpace(request.Sensor) || !facility.TryGetSensor(new SensorId(request.Sensor), out var sensor) || sensor.Room != new RoomId(room))
        {
            return ChangeOutcome.Fail<OutOfServicePeriod>(ChangeFailure.NotFound, $"no sensor '{request.Sensor}' in room '{room}'");
        }
        Parameter? parameter = null;
        if (!string.IsNullOrWhiteSpace(request.Parameter))
        {
            if (!ParameterCatalog.TryParse(request.Parameter, out var info) || !sensor.Measures(info.Parameter))
            {
                return ChangeOutcome.Fail<OutOfServicePeriod>(ChangeFailure.Invalid, $"sensor '{sensor.Id}' has no parameter '{request.Parameter}'");
            }
            parameter = info.Parameter;
        }
        if (request.ExpectedEnd is not { } expectedEnd || expectedEnd <= time.GetUtcNow() || string.IsNullOrWhiteSpace(request.Reason))
        {
            return ChangeOutcome.Fail<OutOfServicePeriod>(ChangeFailure.Invalid, "an expected end in the future and a reason are required");
        }
        if (request.Reason.Length > BatchControl.MaxReasonLength)
        {
            return ChangeOutcome.Fail<OutOfServicePeriod>(ChangeFailure.Invalid, $"the reason may have at most {BatchControl.MaxReasonLength} characters");
        }
        var (period, problem) = await engine.TakeOutOfServiceAsync(sensor.Id, parameter, expectedEnd, request.Reason.Trim(), user.Identity!.Name!, cancellationToken);
        return period is not null ? ChangeOutcome.Done(period)
            : ChangeOutcome.Fail<OutOfServicePeriod>(problem!.IsConflict ? ChangeFailure.Conflict : ChangeFailure.Invalid, problem.Message);
    }

    /// <summary>Returns a sensor to service now. A period of another room (or another tenant's) is "not found".</summary>
    public async Task<ChangeOutcome<OutOfServicePeriod>> ReturnAsync(string room, Guid id, ReasonRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await ListAsync(room, user, cancellationToken) is not { } periods || periods.FirstOrDefault(p => p.Id == id) is not { } period)
        {
            return ChangeOutcome.Fail<OutOfServicePeriod>(ChangeFailure.NotFound, $"no out-of-service period {id} in room '{room}'");
        }
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > BatchControl.MaxReasonLength)
        {
            return ChangeOutcome.Fail<OutOfServicePeriod>(ChangeFailure.Invalid, "a reason (it goes into the audit trail) is required");
        }
        return await engine.ReturnToServiceAsync(period.Id, user.Identity!.Name!, request.Reason.Trim(), cancellationToken) is { } returned
            ? ChangeOutcome.Done(returned)
            : ChangeOutcome.Fail<OutOfServicePeriod>(ChangeFailure.Conflict, "the sensor is back in service already");
    }
}

/// <summary>POST /api/rooms/{room}/out-of-service body. <paramref name="Parameter"/> (wire name) takes one parameter out;
/// empty takes the whole sensor.</summary>
public sealed record OutOfServiceRequest(string? Sensor, string? Parameter, DateTimeOffset? ExpectedEnd, string? Reason);
