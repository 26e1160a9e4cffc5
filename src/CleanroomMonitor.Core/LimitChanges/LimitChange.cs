using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>A proposed change of one parameter's limits at one level, a room's or a sensor's (Annex 11 §10; Annex 1 4.16
/// and 9.9): <see cref="Limits"/> replaces that level's whole spec for the parameter (alert, action, delay, justification,
/// deadband, particle rules, and the at-rest and in-operation overrides), so what is approved is exactly what will be in
/// force at that level. Written once when proposed; its decision is a <see cref="LimitChangeSignature"/>.</summary>
/// <param name="Sensor">The sensor whose own limits change; null for the room's limits (all its room-air sensors).</param>
/// <param name="Limits">The new spec of the level; <see cref="LimitSpec.Empty"/> removes the level's own limits, so the
/// layers below (grade, Annex 1 defaults) apply.</param>
/// <param name="EffectiveAt">When the proposer wants it in force; approval makes it no earlier than the approval itself.</param>
/// <param name="ProposedRole">The proposer's roles when proposing, as the audit trail writes them.</param>
/// <param name="Tenant">The proposer's tenant, null for the facility's own QA.</param>
public sealed record LimitChange(
    Guid Id,
    RoomId Room,
    SensorId? Sensor,
    Parameter Parameter,
    LimitSpec Limits,
    string Reason,
    DateTimeOffset EffectiveAt,
    string ProposedBy,
    string ProposedRole,
    string? Tenant,
    DateTimeOffset ProposedAt)
{
    /// <summary>"room CR-101" or "sensor PC-101-1", as people read the target.</summary>
    public string Target => Sensor is { } sensor ? $"sensor {sensor}" : $"room {Room}";

    /// <summary>The level's spec for the parameter before the change in <paramref name="facility"/> (empty when none).</summary>
    public LimitSpec Before(FacilityDefinition facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        var level = Sensor is { } id
            ? facility.TryGetSensor(id, out var sensor) ? sensor.Limits : null
            : facility.TryGetRoom(Room, out var room) ? room.Limits : null;
        return level is not null && level.TryGetValue(Parameter, out var spec) ? spec : LimitSpec.Empty;
    }

    /// <summary>The facility with this change applied: pure, so the proposal page, a replay of the period under the
    /// proposed limits and the engine at the effective instant all see the same limits.</summary>
    /// <exception cref="InvalidOperationException">The target is not in <paramref name="facility"/> (the facility file
    /// lost the room or sensor after the change was approved).</exception>
    public FacilityDefinition Apply(FacilityDefinition facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        if (Sensor is { } id)
        {
            if (!facility.TryGetSensor(id, out var sensor) || sensor.Room != Room)
            {
                throw new InvalidOperationException($"limit change {Id}: sensor {id} is not in room {Room} of facility version {facility.Version}");
            }
            var changed = sensor with { Limits = Replaced(sensor.Limits) };
            return facility.With(facility.Rooms, [.. facility.Sensors.Select(s => s.Id == id ? changed : s)]);
        }
        if (!facility.TryGetRoom(Room, out var room))
        {
            throw new InvalidOperationException($"limit change {Id}: room {Room} is not in facility version {facility.Version}");
        }
        var replaced = room with { Limits = Replaced(room.Limits) };
        return facility.With([.. facility.Rooms.Select(r => r.Id == Room ? replaced : r)], facility.Sensors);
    }

    private Dictionary<Parameter, LimitSpec> Replaced(IReadOnlyDictionary<Parameter, LimitSpec> level)
    {
        var limits = level.ToDictionary();
        if (Limits == LimitSpec.Empty)
        {
            limits.Remove(Parameter);
        }
        else
        {
            limits[Parameter] = Limits;
        }
        return limits;
    }
}
