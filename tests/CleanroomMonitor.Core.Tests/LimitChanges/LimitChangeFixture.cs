using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Tests.LimitChanges;

/// <summary>Limit changes on <see cref="Excursions.TrackerFacility"/>: room cr1's temperature is alert 19-23, action 18-25.</summary>
internal static class LimitChangeFixture
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static readonly RoomId Cr1 = new("cr1");

    /// <summary>Room cr1's temperature narrowed to alert 19-22, action 18-23.</summary>
    public static readonly LimitSpec Narrower = LimitSpec.Empty with { Alert = new Band(19, 22), Action = new Band(18, 23) };

    public static LimitChange Change(LimitSpec? limits = null, string? sensor = null, Parameter parameter = Parameter.Temperature, string room = "cr1",
        string reason = "trend review 2026-Q1: the room runs at 20.5 °C", TimeSpan? effectiveIn = null, string by = "qa1", string? tenant = null) =>
        new(Guid.CreateVersion7(T0), new RoomId(room), sensor is null ? null : new SensorId(sensor), parameter, limits ?? Narrower, reason,
            T0 + (effectiveIn ?? TimeSpan.FromHours(1)), by, "QA", tenant, T0);

    public static LimitChangeActor Qa(string name = "qa2", string? tenant = null, bool leases = false) => new(name, [Role.QA], tenant, leases);

    public static LimitChangeSignature Decision(LimitChange change, string meaning, DateTimeOffset at, string by = "qa2", string? reason = "fits the trend")
    {
        var effective = meaning == LimitChangeRules.Approved ? LimitChangeRules.EffectiveAt(change, at) : default;
        return new(change.Id, new Signature(Guid.NewGuid(), by, by.ToUpperInvariant(), "QA", meaning, at, "password re-entered"), reason,
            meaning == LimitChangeRules.Approved ? effective.At : null, effective.Now);
    }

    public static LimitChangeHistory Approved(LimitChange change, DateTimeOffset at) => new(change, Decision(change, LimitChangeRules.Approved, at), []);
}
