using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Notifications;

// The notification plan as written, before validation: strings where a person can get a value wrong, so the reader can
// quote it back. Defaults live here as initializers and the JSON Schema shows them.
[Description("Who is told about which excursions, when and how: contacts, on-call rosters, escalation policies and routes.")]
internal sealed class NotificationPlanFile
{
    public const string IdPattern = FacilityFile.IdPattern;

    [JsonPropertyName("$schema")]
    [Description("The JSON Schema this file follows, for editors; the reader ignores it.")]
    public string? Schema { get; set; }

    [Description("The people notifications reach.")]
    public List<ContactFile?>? Contacts { get; set; }

    [Description("On-call rosters: weekly shifts in a time zone, and overrides for holidays.")]
    public List<RosterFile?>? Rosters { get; set; }

    [Description("Escalation policies: steps with delays, repetition, and whether a return to normal stops them.")]
    public List<PolicyFile?>? Policies { get; set; }

    [Description("Routes: which excursions (by room, tenant, kind, level) follow which policy. An excursion may match several.")]
    public List<RouteFile?>? Routes { get; set; }

    [Description("Daily \"monitoring healthy\" messages to facility staff: sensors reporting, what awaits acknowledgement, system conditions.")]
    public List<SummaryFile?>? Summaries { get; set; }
}

internal sealed class SummaryFile
{
    [RegularExpression(NotificationPlanFile.IdPattern)]
    [Description("The summary's id, as the delivery record names it (summary:<id>).")]
    public string? Id { get; set; }

    [Description("When it is sent every day, site time HH:mm.")]
    public string? At { get; set; }

    [Description("Contact ids (facility staff: the summary covers every room) and roster:<id> entries.")]
    public List<string?>? Notify { get; set; }

    [Description("Channels to try in order.")]
    public List<string?>? Channels { get; set; }
}

internal sealed class ContactFile
{
    [RegularExpression(NotificationPlanFile.IdPattern)]
    [Description("The id rosters and steps name this person by.")]
    public string? Id { get; set; }

    [Description("The person's printed name.")]
    public string? Name { get; set; }

    [Description("Email address, for the email channel.")]
    public string? Email { get; set; }

    [Description("Phone number in international form (+ and 7 to 15 digits, E.164), for SMS and voice gateways.")]
    public string? Phone { get; set; }

    [Description("The tenant this person works for; they hear only of excursions in its rooms or batches. Omit for facility staff.")]
    public string? Tenant { get; set; }

    [Description("The person's user account, when they sign in.")]
    public string? User { get; set; }
}

internal sealed class RosterFile
{
    [RegularExpression(NotificationPlanFile.IdPattern)]
    [Description("The roster's id; steps name it as roster:<id>.")]
    public string? Id { get; set; }

    [Description("The IANA time zone of the shifts and overrides; the site's when omitted.")]
    public string? TimeZone { get; set; }

    [Description("Weekly shifts; they must not overlap. Nobody is on call outside them.")]
    public List<ShiftFile?>? Shifts { get; set; }

    [Description("Periods that replace the shifts (holidays, swaps), in local time of the roster's zone; they must not overlap.")]
    public List<OverrideFile?>? Overrides { get; set; }
}

internal sealed class ShiftFile
{
    public static IReadOnlyDictionary<string, DayOfWeek> DayNames { get; } = new Dictionary<string, DayOfWeek>(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    [Description("The days the shift starts on: mon, tue, wed, thu, fri, sat, sun.")]
    public List<string?>? Days { get; set; }

    [Description("Start, local time HH:mm.")]
    public string? From { get; set; }

    [Description("End, local time HH:mm; not after the start means the next day (19:00 to 07:00).")]
    public string? To { get; set; }

    [Description("Contact ids on call during the shift.")]
    public List<string?>? Contacts { get; set; }
}

internal sealed class OverrideFile
{
    [Description("Start, local date and time (2026-12-24T19:00).")]
    public string? From { get; set; }

    [Description("End, local date and time, after the start.")]
    public string? To { get; set; }

    [Description("Contact ids on call instead of the shifts'.")]
    public List<string?>? Contacts { get; set; }

    [Description("Why (a holiday's name, a swap).")]
    public string? Reason { get; set; }
}

internal sealed class PolicyFile
{
    [RegularExpression(NotificationPlanFile.IdPattern)]
    [Description("The policy's id; routes name it.")]
    public string? Id { get; set; }

    [Description("The steps in order; each is due its 'after' delay after the excursion was raised, if nobody acknowledged it by then.")]
    public List<StepFile?>? Steps { get; set; }

    [Description("Notify everyone reached so far again this often until the excursion is acknowledged (\"15m\"); omit for no repetition.")]
    public string? RepeatEvery { get; set; }

    [Description("Whether a return to normal stops the notifications; an acknowledgement always does.")]
    public bool StopOnReturn { get; set; }
}

internal sealed class StepFile
{
    [Description("Delay after the excursion was raised (\"0m\", \"10m\", \"1h\").")]
    public string After { get; set; } = "0m";

    [Description("Contact ids and roster:<id> entries to notify.")]
    public List<string?>? Notify { get; set; }

    [Description("Channels to try in order (email, or a configured gateway such as sms or voice); each later one is the fallback.")]
    public List<string?>? Channels { get; set; }
}

internal sealed class RouteFile
{
    public static IReadOnlyDictionary<string, ExcursionKind> KindNames { get; } =
        Enum.GetValues<ExcursionKind>().ToDictionary(k => JsonNamingPolicy.CamelCase.ConvertName(k.ToString()), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, NotificationLevel> LevelNames { get; } = new Dictionary<string, NotificationLevel>(StringComparer.Ordinal)
    {
        ["alert"] = NotificationLevel.Alert, ["action"] = NotificationLevel.Action, ["system"] = NotificationLevel.System,
    };

    [RegularExpression(NotificationPlanFile.IdPattern)]
    [Description("The route's id, as the delivery record names it.")]
    public string? Id { get; set; }

    [Description("Room ids; any room when omitted.")]
    public List<string?>? Rooms { get; set; }

    [Description("Tenants whose leased rooms or batches the excursion concerns; any when omitted.")]
    public List<string?>? Tenants { get; set; }

    [Description("Excursion kinds (particles, differentialPressure, temperature, dataGap, communicationLoss, system, ...); any when omitted.")]
    public List<string?>? Kinds { get; set; }

    [Description("Levels: alert, action, system (the monitoring system's own excursions); any when omitted.")]
    public List<string?>? Levels { get; set; }

    [Description("The id of the policy to follow.")]
    public string? Policy { get; set; }
}
