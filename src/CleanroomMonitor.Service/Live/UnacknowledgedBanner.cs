using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Live;

/// <summary>What the live board's banner lists (issue 18, docs/web.md "Banner of unacknowledged excursions"): every
/// excursion that still waits for a signed acknowledgement, newest first. That is <see cref="ExcursionStatus.Unacknowledged"/>
/// (active) and <see cref="ExcursionStatus.ReturnedUnacknowledged"/>: ISA-18.2 keeps a returned, unacknowledged alarm
/// in the alarm summary until someone acknowledges it, and <see cref="ExcursionLifecycle.Close"/> refuses it until then,
/// so it needs a person as much as an active one. Shelved excursions are left out: shelving is a signed decision to
/// suppress them for a while, and they come back as unacknowledged when it expires.</summary>
public static class UnacknowledgedBanner
{
    /// <summary>The entries a user sees: the <paramref name="open"/> excursions that need an acknowledgement and that
    /// <paramref name="scope"/> allows (the same rule as the excursion list and the excursion page the entry links to).</summary>
    public static IReadOnlyList<BannerEntry> Select(IEnumerable<Excursion> open, TenantScope scope, IReadOnlyCollection<string> tenantBatches,
        IReadOnlyDictionary<RoomId, string> roomNames, DateTimeOffset now) =>
        Select(open.Where(e => scope.CanSee(e, tenantBatches)), roomNames, now);

    /// <summary>The entries among <paramref name="visible"/>, excursions the user may already see.</summary>
    public static IReadOnlyList<BannerEntry> Select(IEnumerable<Excursion> visible, IReadOnlyDictionary<RoomId, string> roomNames, DateTimeOffset now) =>
        visible.Where(NeedsAcknowledgement)
            .OrderByDescending(e => e.StartedAt)
            .ThenBy(e => e.Id)   // a stable order for two raised in the same instant: the list does not flicker
            .Select(e => Entry(e, roomNames, now))
            .ToList();

    public static bool NeedsAcknowledgement(Excursion excursion) =>
        excursion.Status is ExcursionStatus.Unacknowledged or ExcursionStatus.ReturnedUnacknowledged;

    /// <summary>alert, action or system: a <see cref="ExcursionKind.System"/> excursion is about the monitoring system
    /// (storage down, buffer full, monitoring suspended in a room), not a limit of the air, whatever level it carries.</summary>
    public static string LevelOf(Excursion excursion) =>
        excursion.Kind == ExcursionKind.System ? "system" : excursion.Level == LimitLevel.Action ? "action" : "alert";

    /// <summary>The kind in words, lower case ("differential pressure", "data gap").</summary>
    public static string KindText(ExcursionKind kind) => kind switch
    {
        ExcursionKind.Particles => "particles",
        ExcursionKind.DifferentialPressure => "differential pressure",
        ExcursionKind.PressureReversal => "pressure reversal",
        ExcursionKind.Temperature => "temperature",
        ExcursionKind.Humidity => "humidity",
        ExcursionKind.Equipment => "equipment",
        ExcursionKind.DataGap => "data gap",
        ExcursionKind.CommunicationLoss => "communication loss",
        ExcursionKind.SensorFault => "sensor fault",
        ExcursionKind.CleanUpNotRecovered => "clean-up not recovered",
        ExcursionKind.System => "monitoring system",
        ExcursionKind.DataConflict => "data conflict",
        ExcursionKind.Calibration => "calibration",
        _ => kind.ToString(),
    };

    private static BannerEntry Entry(Excursion e, IReadOnlyDictionary<RoomId, string> roomNames, DateTimeOffset now) =>
        new(
            e.Id,
            LevelOf(e),
            e.Room.Value,
            roomNames.TryGetValue(e.Room, out var name) ? name : e.Room == ExcursionTracker.SystemRoom ? "monitoring system" : e.Room.Value,
            e.Sensor is { } sensor ? sensor.Value + (e.Parameter is { } p ? " · " + LiveBoard.Label(p) : "") : null,
            KindText(e.Kind),
            e.StartedAt,
            Math.Max(0, Math.Round((now - e.StartedAt).TotalSeconds)),
            !e.IsActive);
}
