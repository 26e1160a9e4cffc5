using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Notifications;

/// <summary>Reads and validates a notification plan (JSON, comments and trailing commas allowed), collecting every
/// problem in one pass with the file, the JSON path and the bad value: an unknown room, contact, roster, policy or channel,
/// an address a channel cannot use, overlapping or empty shifts and overrides.</summary>
public static partial class NotificationPlanReader
{
    public static string JsonSchema => ConfigSchema.Generate(NotificationPlanFileContext.Default.NotificationPlanFile, "CleanroomMonitor notification plan",
        "Who is told about which excursions, when and how: contacts, on-call rosters, escalation policies and routes. Format: docs/notifications.md.");

    /// <param name="channels">The channels configured on this installation, by name, with the address each uses.</param>
    public static NotificationPlan Parse(string json, string fileName, FacilityDefinition facility, IReadOnlyDictionary<string, ContactAddress> channels)
    {
        ArgumentNullException.ThrowIfNull(facility);
        ArgumentNullException.ThrowIfNull(channels);
        var file = ConfigJson.Deserialize(json, fileName, NotificationPlanFileContext.Default.NotificationPlanFile, "notification plan");
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];
        return new Validation(fileName, facility, channels).Run(file, version);
    }

    [GeneratedRegex(NotificationPlanFile.IdPattern)]
    private static partial Regex IdPattern();

    /// <summary>E.164: a plus, a country code that does not start with 0, and at most 15 digits in all.</summary>
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhonePattern();

    private sealed class Validation(string fileName, FacilityDefinition facility, IReadOnlyDictionary<string, ContactAddress> channels)
    {
        private readonly List<ConfigError> _errors = [];

        public NotificationPlan Run(NotificationPlanFile file, string version)
        {
            var contacts = ReadContacts(file.Contacts ?? []);
            var byId = contacts.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var rosters = ReadRosters(file.Rosters ?? [], byId);
            var policies = ReadPolicies(file.Policies ?? [], byId, rosters);
            var routes = ReadRoutes(file.Routes ?? [], policies);
            var summaries = ReadSummaries(file.Summaries ?? [], byId, rosters);
            if (_errors.Count > 0)
            {
                throw new ConfigurationException(_errors);
            }
            return new NotificationPlan(contacts, rosters, policies, routes, version) { Summaries = summaries };
        }

        private List<Contact> ReadContacts(List<ContactFile?> files)
        {
            var contacts = new List<Contact>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"$.contacts[{i}]";
                if (files[i] is not { } file)
                {
                    Error(path, "null", "a contact object");
                    continue;
                }
                var id = UniqueId(file.Id, path + ".id", ids, "contact");
                var name = Text(file.Name, path + ".name", "the person's name");
                if (file.Email is not null && !IsEmail(file.Email))
                {
                    Error(path + ".email", file.Email, "an email address such as qa.night@example.org");
                }
                if (file.Phone is not null && !PhonePattern().IsMatch(file.Phone))
                {
                    Error(path + ".phone", file.Phone, "a phone number in international form: + and 7 to 15 digits, no spaces (E.164), such as +4915112345678");
                }
                if (file.Email is null && file.Phone is null)
                {
                    Error(path, id, "an email or a phone number, so a channel can reach the person");
                }
                if (file.Tenant is not null && !IdPattern().IsMatch(file.Tenant))
                {
                    Error(path + ".tenant", file.Tenant, "a tenant id (lowercase letters, digits, '-' or '_')");
                }
                if (id is not null && name is not null)
                {
                    contacts.Add(new Contact(id, name, file.Email, file.Phone, file.Tenant, file.User));
                }
            }
            return contacts;
        }

        private List<Roster> ReadRosters(List<RosterFile?> files, Dictionary<string, Contact> contacts)
        {
            var rosters = new List<Roster>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"$.rosters[{i}]";
                if (files[i] is not { } file)
                {
                    Error(path, "null", "a roster object");
                    continue;
                }
                var id = UniqueId(file.Id, path + ".id", ids, "roster");
                var zone = facility.Site.TimeZone;
                if (file.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(file.TimeZone, out zone))
                {
                    Error(path + ".timeZone", file.TimeZone, "an IANA time zone known to this machine, such as Europe/Berlin");
                }
                var shifts = ReadShifts(file.Shifts ?? [], path, contacts);
                var overrides = ReadOverrides(file.Overrides ?? [], path, contacts);
                if (shifts.Count == 0 && overrides.Count == 0)
                {
                    Error(path + ".shifts", null, "at least one shift (or an override): a roster nobody is ever on call in reaches nobody");
                }
                if (id is not null && zone is not null)
                {
                    rosters.Add(new Roster(id, zone, [.. shifts.Select(s => s.Shift)], [.. overrides.Select(o => o.Override)]));
                }
            }
            return rosters;
        }

        private List<(Shift Shift, string Path)> ReadShifts(List<ShiftFile?> files, string rosterPath, Dictionary<string, Contact> contacts)
        {
            var shifts = new List<(Shift, string)>();
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"{rosterPath}.shifts[{i}]";
                if (files[i] is not { } file)
                {
                    Error(path, "null", "a shift object");
                    continue;
                }
                var days = new HashSet<DayOfWeek>();
                var dayList = file.Days ?? [];
                for (var d = 0; d < dayList.Count; d++)
                {
                    if (dayList[d] is { } name && ShiftFile.DayNames.TryGetValue(name, out var day))
                    {
                        days.Add(day);
                    }
                    else
                    {
                        Error($"{path}.days[{d}]", dayList[d], "one of " + string.Join(", ", ShiftFile.DayNames.Keys));
                    }
                }
                if (dayList.Count == 0)
                {
                    Error(path + ".days", null, "at least one day");
                }
                var from = Time(file.From, path + ".from");
                var to = Time(file.To, path + ".to");
                if (from is not null && from == to)
                {
                    Error(path + ".to", file.To, "an end other than the start (an empty shift covers nobody; 00:00 to 00:00 is not a whole day: write two shifts)");
                }
                var members = ContactIds(file.Contacts, path + ".contacts", contacts);
                if (days.Count == 0 || from is null || to is null || from == to || members is null)
                {
                    continue;
                }
                var shift = new Shift(days, from.Value, to.Value, members);
                foreach (var (other, otherPath) in shifts.Where(s => s.Item1.Overlaps(shift)))
                {
                    Error(path, $"{file.From}-{file.To}", $"a shift that does not overlap {otherPath} ({other.From:HH\\:mm}-{other.To:HH\\:mm}): at any time one shift is on call");
                }
                shifts.Add((shift, path));
            }
            return shifts;
        }

        private List<(RosterOverride Override, string Path)> ReadOverrides(List<OverrideFile?> files, string rosterPath, Dictionary<string, Contact> contacts)
        {
            var overrides = new List<(RosterOverride, string)>();
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"{rosterPath}.overrides[{i}]";
                if (files[i] is not { } file)
                {
                    Error(path, "null", "an override object");
                    continue;
                }
                var from = LocalDateTime(file.From, path + ".from");
                var to = LocalDateTime(file.To, path + ".to");
                if (from is not null && to is not null && to <= from)
                {
                    Error(path + ".to", file.To, $"a local date and time after the start {file.From}");
                    continue;
                }
                var members = ContactIds(file.Contacts, path + ".contacts", contacts);
                if (from is null || to is null || members is null)
                {
                    continue;
                }
                var entry = new RosterOverride(from.Value, to.Value, members, file.Reason);
                foreach (var (_, otherPath) in overrides.Where(o => o.Item1.From < entry.To && entry.From < o.Item1.To))
                {
                    Error(path, $"{file.From}/{file.To}", $"an override that does not overlap {otherPath}");
                }
                overrides.Add((entry, path));
            }
            return overrides;
        }

        private List<EscalationPolicy> ReadPolicies(List<PolicyFile?> files, Dictionary<string, Contact> contacts, List<Roster> rosters)
        {
            var policies = new List<EscalationPolicy>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"$.policies[{i}]";
                if (files[i] is not { } file)
                {
                    Error(path, "null", "a policy object");
                    continue;
                }
                var id = UniqueId(file.Id, path + ".id", ids, "policy");
                var steps = new List<EscalationStep>();
                var stepFiles = file.Steps ?? [];
                if (stepFiles.Count == 0)
                {
                    Error(path + ".steps", null, "at least one step");
                }
                for (var s = 0; s < stepFiles.Count; s++)
                {
                    if (ReadStep(stepFiles[s], $"{path}.steps[{s}]", contacts, rosters) is { } step)
                    {
                        if (steps.Count > 0 && step.After < steps[^1].After)
                        {
                            Error($"{path}.steps[{s}].after", stepFiles[s]!.After, $"a delay not shorter than the step before ({steps[^1].After})");
                        }
                        steps.Add(step);
                    }
                }
                TimeSpan? repeat = null;
                if (file.RepeatEvery is not null)
                {
                    if (!DurationParser.TryParse(file.RepeatEvery, out var every) || every < TimeSpan.FromMinutes(1))
                    {
                        Error(path + ".repeatEvery", file.RepeatEvery, "a duration of at least one minute, such as \"15m\"");
                    }
                    else
                    {
                        repeat = every;
                    }
                }
                if (id is not null)
                {
                    policies.Add(new EscalationPolicy(id, steps, repeat, file.StopOnReturn));
                }
            }
            return policies;
        }

        private EscalationStep? ReadStep(StepFile? file, string path, Dictionary<string, Contact> contacts, List<Roster> rosters)
        {
            if (file is null)
            {
                Error(path, "null", "a step object");
                return null;
            }
            var ok = true;
            if (!DurationParser.TryParse(file.After, out var after) || after < TimeSpan.Zero)
            {
                Error(path + ".after", file.After, "a delay such as \"0m\", \"10m\" or \"1h\"");
                ok = false;
            }
            var channelNames = new List<string>();
            var channelList = file.Channels ?? [];
            if (channelList.Count == 0)
            {
                Error(path + ".channels", null, "at least one channel: " + Known());
                ok = false;
            }
            for (var c = 0; c < channelList.Count; c++)
            {
                if (channelList[c] is { } name && channels.ContainsKey(name))
                {
                    channelNames.Add(name);
                }
                else
                {
                    Error($"{path}.channels[{c}]", channelList[c], "a channel configured on this installation: " + Known());
                    ok = false;
                }
            }
            var targets = new List<string>();
            var notify = file.Notify ?? [];
            if (notify.Count == 0)
            {
                Error(path + ".notify", null, "at least one contact id or roster:<id>");
                ok = false;
            }
            for (var n = 0; n < notify.Count; n++)
            {
                var target = notify[n];
                var people = PeopleOf(target, contacts, rosters);
                if (people is null)
                {
                    Error($"{path}.notify[{n}]", target, "a contact id or roster:<id> defined in this plan");
                    ok = false;
                    continue;
                }
                targets.Add(target!);
                foreach (var person in people.Select(p => contacts[p]))
                {
                    if (channelNames.Count > 0 && !channelNames.Any(c => AddressOf(person, channels[c]) is not null))
                    {
                        Error($"{path}.notify[{n}]", target, $"people the step's channels can reach: '{person.Id}' has no {string.Join(" or ", channelNames.Select(c => channels[c]).Distinct())}");
                        ok = false;
                    }
                }
            }
            return ok ? new EscalationStep(after, targets, channelNames) : null;
        }

        private List<Route> ReadRoutes(List<RouteFile?> files, List<EscalationPolicy> policies)
        {
            var routes = new List<Route>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"$.routes[{i}]";
                if (files[i] is not { } file)
                {
                    Error(path, "null", "a route object");
                    continue;
                }
                var id = UniqueId(file.Id, path + ".id", ids, "route");
                var rooms = Set(file.Rooms, path + ".rooms", name => facility.Rooms.FirstOrDefault(r => r.Id.Value == name) is { } room ? (true, room.Id) : (false, default),
                    "a room id of the facility: " + string.Join(", ", facility.Rooms.Select(r => r.Id.Value)));
                var tenants = Set(file.Tenants, path + ".tenants", name => (IdPattern().IsMatch(name), name), "a tenant id");
                var kinds = Set(file.Kinds, path + ".kinds", name => (RouteFile.KindNames.TryGetValue(name, out var kind), kind),
                    "one of " + string.Join(", ", RouteFile.KindNames.Keys));
                var levels = Set(file.Levels, path + ".levels", name => (RouteFile.LevelNames.TryGetValue(name, out var level), level),
                    "one of alert, action, system");
                if (file.Policy is null || policies.All(p => p.Id != file.Policy))
                {
                    Error(path + ".policy", file.Policy, "the id of a policy in this plan: " + string.Join(", ", policies.Select(p => p.Id)));
                    continue;
                }
                if (id is not null)
                {
                    routes.Add(new Route(id, file.Policy, rooms, tenants, kinds, levels));
                }
            }
            return routes;
        }

        /// <summary>The contact ids a step target names: the contact itself, or everyone a roster's shifts and overrides
        /// name; null when the target names nothing in the plan.</summary>
        private static List<string>? PeopleOf(string? target, Dictionary<string, Contact> contacts, List<Roster> rosters) =>
            target is null ? null
            : target.StartsWith(EscalationStep.RosterPrefix, StringComparison.Ordinal)
                ? rosters.FirstOrDefault(r => r.Id == target[EscalationStep.RosterPrefix.Length..]) is { } roster
                    ? [.. roster.Shifts.SelectMany(s => s.Contacts).Concat(roster.Overrides.SelectMany(o => o.Contacts)).Distinct()]
                    : null
                : contacts.ContainsKey(target) ? [target] : null;

        private List<DailySummary> ReadSummaries(List<SummaryFile?> files, Dictionary<string, Contact> contacts, List<Roster> rosters)
        {
            var summaries = new List<DailySummary>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"$.summaries[{i}]";
                if (files[i] is not { } file)
                {
                    Error(path, "null", "a summary object");
                    continue;
                }
                var id = UniqueId(file.Id, path + ".id", ids, "summary");
                var at = Time(file.At, path + ".at");
                var step = ReadStep(new StepFile { Notify = file.Notify, Channels = file.Channels }, path, contacts, rosters);
                foreach (var (target, n) in (file.Notify ?? []).Select((t, n) => (t, n)))
                {
                    foreach (var tenantPerson in (PeopleOf(target, contacts, rosters) ?? []).Where(p => contacts[p].Tenant is not null))
                    {
                        Error($"{path}.notify[{n}]", target, $"facility staff only: '{tenantPerson}' works for a tenant, and the summary covers every room");
                    }
                }
                if (id is not null && at is not null && step is not null)
                {
                    summaries.Add(new DailySummary(id, at.Value, step.Notify, step.Channels));
                }
            }
            return summaries;
        }

        private HashSet<T>? Set<T>(List<string?>? names, string path, Func<string, (bool Ok, T Value)> parse, string expected)
        {
            if (names is null)
            {
                return null;
            }
            if (names.Count == 0)
            {
                Error(path, "[]", "at least one value, or no such key to match any");
            }
            var set = new HashSet<T>();
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i] is { } name && parse(name) is (true, var value))
                {
                    set.Add(value);
                }
                else
                {
                    Error($"{path}[{i}]", names[i], expected);
                }
            }
            return set;
        }

        private List<string>? ContactIds(List<string?>? ids, string path, Dictionary<string, Contact> contacts)
        {
            if (ids is null || ids.Count == 0)
            {
                Error(path, null, "at least one contact id: a shift with nobody in it reaches nobody");
                return null;
            }
            var result = new List<string>();
            for (var i = 0; i < ids.Count; i++)
            {
                if (ids[i] is { } id && contacts.ContainsKey(id))
                {
                    result.Add(id);
                }
                else
                {
                    Error($"{path}[{i}]", ids[i], "the id of a contact in this plan");
                }
            }
            return result.Count == ids.Count ? result : null;
        }

        private static string? AddressOf(Contact contact, ContactAddress address) => address == ContactAddress.Email ? contact.Email : contact.Phone;

        private static bool IsEmail(string text) => MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);

        private string Known() => channels.Count == 0 ? "none is configured (Notifications:Email or Notifications:Gateways)" : string.Join(", ", channels.Keys);

        private TimeOnly? Time(string? text, string path)
        {
            if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }
            Error(path, text, "a local time HH:mm such as 07:00");
            return null;
        }

        private DateTime? LocalDateTime(string? text, string path)
        {
            if (DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            }
            Error(path, text, "a local date and time such as 2026-12-24T19:00 (no offset: the roster's time zone applies)");
            return null;
        }

        private string? UniqueId(string? id, string path, HashSet<string> ids, string what)
        {
            if (id is null || !IdPattern().IsMatch(id))
            {
                Error(path, id, $"a {what} id: 1-63 lowercase letters, digits, '-' or '_'");
                return null;
            }
            if (!ids.Add(id))
            {
                Error(path, id, $"a {what} id not used by another {what}");
                return null;
            }
            return id;
        }

        private string? Text(string? text, string path, string expected)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Error(path, text, expected);
                return null;
            }
            return text;
        }

        private void Error(string path, string? value, string expected) => _errors.Add(new ConfigError(fileName, path, value, expected));
    }
}
