using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Storage.Tests.Records;

/// <summary>Records with awkward values on purpose: a non-UTC offset, sub-millisecond ticks, a double that has no short
/// decimal form, non-ASCII text.</summary>
internal static class RecordSamples
{
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567);
    public static readonly RoomId FillRoom = new("fill-a");
    public static readonly RoomId PrepRoom = new("prep-b");
    public static readonly SensorId FillCounter = new("B-FILL-PC01");
    public static readonly SensorId PrepCounter = new("B-PREP-PC01");

    public static Excursion Excursion(int minutes = 0, RoomId? room = null, SensorId? sensor = null,
        ExcursionStatus status = ExcursionStatus.Unacknowledged, string[]? batches = null, TimeSpan? duration = null) =>
        new(
            Guid.NewGuid(),
            ExcursionKind.Particles,
            LimitLevel.Action,
            sensor ?? FillCounter,
            room ?? FillRoom,
            Parameter.ParticlesFiveMicron,
            Grade.A,
            RoomState.InOperation,
            "3 consecutive ≥5.0 µm samples with counts",
            0.1 + 0.2,
            29,
            "alert[..20] action[..29] delay 00:01:00 / 3 samples",
            "0123456789ab",
            T0.AddMinutes(minutes),
            duration is { } d ? T0.AddMinutes(minutes) + d : null,
            35.3,
            T0.AddMinutes(minutes).AddSeconds(30),
            status,
            batches ?? ["B-2026-001"],
            [new ExcursionEntry(T0.AddMinutes(minutes), "raised", LimitLevel.Action, "35.3 ≥ 29 per m³", "system")],
            "facility-v3") { Side = BreachSide.High };

    public static Excursion BareExcursion() =>
        new(Guid.NewGuid(), ExcursionKind.CleanUpNotRecovered, LimitLevel.Alert, null, FillRoom, null, null, RoomState.CleanUp,
            "clean-up not met within 00:20:00", null, null, null, null, T0, null, null, null, ExcursionStatus.Unacknowledged, [], [], "facility-v3");

    public static Batch Batch(string number = "B-2026-001", DateTimeOffset? endedAt = null) =>
        new(number, "Autologous CAR-T", "Tenant Ä GmbH", [FillRoom, PrepRoom], ProcessType.OpenManual, T0.AddHours(-1), endedAt, "operator.1", endedAt is null ? null : "operator.2");

    public static RoomWindow Window(RoomWindowKind kind = RoomWindowKind.NonMonitoring, int fromMinutes = 0, int hours = 2) =>
        new(Guid.NewGuid(), FillRoom, kind, T0.AddMinutes(fromMinutes), T0.AddMinutes(fromMinutes).AddHours(hours), "AAV-Vektor, Pulver ≥5 µm", "operator.1");

    public static AuditEntry Audit(string action = "excursion.raised", DateTimeOffset? at = null, string entityId = "") =>
        new(at ?? T0, "system", "system", action, "", entityId, null, null, null);
}
