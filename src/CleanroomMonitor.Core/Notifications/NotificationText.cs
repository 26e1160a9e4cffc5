using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Notifications;

/// <summary>Writes what a notification says (docs/notifications.md "What a message says"): what happened, where, the
/// value against the limit, the batches, when (site time and UTC), and the link to the excursion page where the
/// signed acknowledgement is made. Short enough in its subject for an SMS.</summary>
public sealed class NotificationText(FacilityDefinition facility, Uri publicUrl)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The names of <see cref="NotificationMessage.Fields"/>, as gateway templates use them (docs/notifications.md).</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
    [
        "excursionId", "site", "siteName", "room", "roomName", "sensor", "parameter", "value", "unit", "limit", "level", "levelText", "kind",
        "status", "rule", "what", "batches", "startedAt", "startedAtLocal", "route", "step", "repeat", "link",
    ];

    /// <param name="recipient">The person and the step (and repetition) that names them.</param>
    public NotificationMessage Compose(Excursion excursion, Recipient recipient, string route)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        ArgumentNullException.ThrowIfNull(recipient);
        var fields = Fields(excursion, route, recipient.Step, recipient.Repeat);
        var prefix = recipient.Repeat > 0 ? $"Reminder {recipient.Repeat}: " : recipient.Step > 1 ? $"Escalation (level {recipient.Step}): " : string.Empty;
        var subject = $"{prefix}{fields["levelText"]} excursion in {fields["roomName"]}: {fields["what"]}";
        var text = new StringBuilder()
            .Append(Invariant, $"{fields["levelText"]} excursion ({fields["kind"]}) in {fields["roomName"]} ({excursion.Room}), {GradeText(excursion)}, {StateText(excursion.State)}.").AppendLine()
            .Append(Invariant, $"{fields["what"]}{(excursion.Rule.Length > 0 ? $" ({excursion.Rule})" : string.Empty)}.").AppendLine()
            .Append(Invariant, $"Started {fields["startedAtLocal"]} ({fields["startedAt"]}); {(excursion.IsActive ? "still active" : $"returned to normal {Local(excursion.EndedAt!.Value)}")}.").AppendLine()
            .Append(Invariant, $"Batches: {(excursion.Batches.Count > 0 ? string.Join(", ", excursion.Batches) : "none running")}.").AppendLine()
            .Append(Invariant, $"Status: {fields["status"]}.").AppendLine()
            .AppendLine()
            .AppendLine("Acknowledge it with your signature on the excursion page (a reply to this message does not acknowledge it):")
            .AppendLine(fields["link"])
            .AppendLine()
            .Append(Invariant, $"CleanroomMonitor, {facility.Site.Name}: route '{route}', step {recipient.Step}{(recipient.Repeat > 0 ? $", reminder {recipient.Repeat}" : string.Empty)}{(recipient.Via is { } via ? $", on call in roster '{via}'" : string.Empty)}.")
            .AppendLine();
        return new NotificationMessage(excursion.Id, subject, text.ToString(), new Uri(fields["link"]), fields);
    }

    /// <summary>A test notification: says plainly that it is one, names who asked, and links to the notifications page.</summary>
    public NotificationMessage Test(string route, string requestedBy, DateTimeOffset at)
    {
        var link = new Uri(publicUrl, "admin/notifications");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["site"] = facility.Site.Id, ["siteName"] = facility.Site.Name, ["route"] = route, ["link"] = link.AbsoluteUri,
            ["levelText"] = "Test", ["what"] = "test notification", ["startedAt"] = Utc(at), ["startedAtLocal"] = Local(at),
            ["room"] = "", ["roomName"] = "", ["sensor"] = "", ["parameter"] = "", ["value"] = "", ["unit"] = "", ["limit"] = "", ["level"] = "test",
            ["kind"] = "test", ["status"] = "", ["rule"] = "", ["batches"] = "", ["step"] = "1", ["repeat"] = "0", ["excursionId"] = "",
        };
        var text = $"Test notification of route '{route}' from CleanroomMonitor, {facility.Site.Name}, asked for by {requestedBy} at {Local(at)}.{Environment.NewLine}" +
                   $"No excursion: nothing to acknowledge. The delivery record is at {link.AbsoluteUri}{Environment.NewLine}";
        return new NotificationMessage(Guid.Empty, $"Test notification: route '{route}' ({facility.Site.Name})", text, link, fields);
    }

    private Dictionary<string, string> Fields(Excursion e, string route, int step, int repeat)
    {
        var roomName = facility.TryGetRoom(e.Room, out var room) ? room.Name
            : e.Room == ExcursionTracker.SystemRoom ? "the monitoring system" : e.Room.Value;
        var unit = e.Parameter is { } p ? p.Info().Unit : string.Empty;
        var value = Number(e.TriggerValue, e.Parameter);
        var limit = Number(e.Limit, e.Parameter);
        var what = e.Parameter is { } parameter && value.Length > 0
            ? $"{e.Sensor?.Value ?? "room"} {parameter.WireName()} {value} {unit}" + (limit.Length > 0 ? $", {LevelWord(e.Level)} limit {limit} {unit}" : string.Empty)
            : e.Rule;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["excursionId"] = e.Id.ToString("D"),
            ["site"] = facility.Site.Id,
            ["siteName"] = facility.Site.Name,
            ["room"] = e.Room.Value,
            ["roomName"] = roomName,
            ["sensor"] = e.Sensor?.Value ?? string.Empty,
            ["parameter"] = e.Parameter?.WireName() ?? string.Empty,
            ["value"] = value,
            ["unit"] = unit,
            ["limit"] = limit,
            ["level"] = NotificationLevels.Of(e).ToString().ToLowerInvariant(),
            ["levelText"] = NotificationLevels.Of(e) switch { NotificationLevel.System => "System", NotificationLevel.Action => "Action", _ => "Alert" },
            ["kind"] = KindText(e.Kind),
            ["status"] = StatusText(e.Status),
            ["rule"] = e.Rule,
            ["what"] = what.Trim(),
            ["batches"] = string.Join(", ", e.Batches),
            ["startedAt"] = Utc(e.StartedAt),
            ["startedAtLocal"] = Local(e.StartedAt),
            ["route"] = route,
            ["step"] = step.ToString(Invariant),
            ["repeat"] = repeat.ToString(Invariant),
            ["link"] = new Uri(publicUrl, $"excursions/{e.Id:D}").AbsoluteUri,
        };
    }

    private static string Number(double? value, Parameter? parameter) => value switch
    {
        null => string.Empty,
        { } v when !double.IsFinite(v) => v.ToString(Invariant),
        { } v when parameter is { } p && p.Info().IsParticleCount => v.ToString("#,0", Invariant),
        { } v => v.ToString("0.##", Invariant),
    };

    private static string LevelWord(LimitLevel level) => level switch
    {
        LimitLevel.Action => "action",
        LimitLevel.Alert => "alert",
        _ => string.Empty,
    };

    private static string GradeText(Excursion e) => e.Grade is { } grade ? $"grade {grade}" : "unclassified";

    private static string StateText(RoomState state) => state == RoomState.InOperation ? "in operation" : "at rest";

    private static string KindText(ExcursionKind kind) => kind switch
    {
        ExcursionKind.DifferentialPressure => "differential pressure",
        ExcursionKind.PressureReversal => "pressure reversal",
        ExcursionKind.DataGap => "data gap",
        ExcursionKind.CommunicationLoss => "communication loss",
        ExcursionKind.SensorFault => "sensor fault",
        ExcursionKind.CleanUpNotRecovered => "clean-up not recovered",
        ExcursionKind.DataConflict => "data conflict",
        ExcursionKind.Calibration => "calibration",
        ExcursionKind.System => "monitoring system",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string StatusText(ExcursionStatus status) => status switch
    {
        ExcursionStatus.Unacknowledged => "active, not acknowledged",
        ExcursionStatus.Acknowledged => "active, acknowledged",
        ExcursionStatus.ReturnedUnacknowledged => "back to normal, not acknowledged",
        ExcursionStatus.ReturnedToNormal => "back to normal, acknowledged",
        ExcursionStatus.Closed => "closed",
        ExcursionStatus.Shelved => "shelved",
        _ => status.ToString(),
    };

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    private string Local(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, facility.Site.TimeZone);
        return local.ToString("yyyy-MM-dd HH:mm", Invariant) + " " + facility.Site.TimeZone.Id;
    }
}
