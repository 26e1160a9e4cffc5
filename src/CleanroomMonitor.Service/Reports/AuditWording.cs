using System.Collections.Frozen;
using System.Text.Json;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Service.Reports;

/// <summary>An audit entry as one readable row of the report: what was done in words and what it was done to. The
/// entry's raw old and new values (JSON) stay in the CSV (docs/reports.md): a QA reviewer signs a page of sentences,
/// not of serialised records, and the CSV keeps the full detail for anyone who needs it.</summary>
internal static class AuditWording
{
    private static readonly FrozenDictionary<string, string> Verbs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AuditAction.BatchStarted] = "Started the batch",
        [AuditAction.BatchEnded] = "Ended the batch",
        [AuditAction.BreachesReviewed] = "Signed a review of breach runs",
        [AuditAction.RoomStateChanged] = "Changed the room state",
        [AuditAction.WindowDeclared] = "Declared a room window",
        [AuditAction.WindowEnded] = "Ended a room window",
        [AuditAction.RoomLeased] = "Leased the room",
        [AuditAction.LeaseEnded] = "Ended the room's lease",
        [AuditAction.LeaseChanged] = "Changed the room's lease",
        [AuditAction.LimitsRecorded] = "Recorded the limits in force",
        [AuditAction.LimitsChanged] = "Changed the limits (new version)",
        [AuditAction.SignatureVerified] = "Signature verified",
        [AuditAction.SignatureFailed] = "Signature refused",
        [AuditAction.OfExcursion(ExcursionAction.Raised)] = "Raised the excursion",
        [AuditAction.OfExcursion(ExcursionAction.Escalated)] = "Escalated the excursion",
        [AuditAction.OfExcursion(ExcursionAction.BatchLinked)] = "Linked the excursion to a batch",
        [AuditAction.OfExcursion(ExcursionAction.Returned)] = "The excursion returned to normal",
        [AuditAction.OfExcursion(ExcursionAction.Acknowledged)] = "Acknowledged the excursion",
        [AuditAction.OfExcursion(ExcursionAction.Shelved)] = "Shelved the excursion",
        [AuditAction.OfExcursion(ExcursionAction.Unshelved)] = "Unshelved the excursion",
        [AuditAction.OfExcursion(ExcursionAction.Closed)] = "Closed the excursion",
        [AuditAction.OfOutOfService(OutOfServiceAction.TakenOut)] = "Took the sensor out of service",
        [AuditAction.OfOutOfService(OutOfServiceAction.Returned)] = "Returned the sensor to service",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The fields of a new value worth a reader's eye, with the words they are printed with. A limit set's
    /// "description" is left out: it is the machine form the version hash is taken of (the limits table prints them).</summary>
    private static readonly (string Field, string Words)[] Details =
    [
        ("state", "to"), ("kind", "kind"), ("level", "level"), ("batch", "batch"), ("meaning", "meaning"), ("cause", "cause"),
        ("deviation", "deviation"), ("version", "version"),
    ];

    /// <summary>What was done, in words: the action's sentence, a few facts from the new value, and the reason.</summary>
    public static string What(ReportAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var words = Verbs.TryGetValue(entry.Action, out var verb) ? verb : Capitalised(entry.Action.Replace('.', ' ').Replace('-', ' ').Replace('_', ' '));
        var facts = Facts(entry.NewValue);
        if (facts.Count > 0)
        {
            words += " (" + string.Join(", ", facts) + ")";
        }
        if (!string.IsNullOrWhiteSpace(entry.Reason))
        {
            words += ": " + entry.Reason.Trim();
        }
        return ParameterNames.Readable(words);
    }

    /// <summary>What the entry is about, for a reader: the room, the sensor and parameter of a limit set, the batch, or the
    /// excursion (by the first block of its id, which the excursion table prints too).</summary>
    public static string Subject(ReportAuditEntry entry, IReadOnlyDictionary<string, string> roomNames)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(roomNames);
        return entry.EntityType switch
        {
            AuditEntity.Room => roomNames.TryGetValue(entry.EntityId, out var name) ? $"{name} ({entry.EntityId})" : $"room {entry.EntityId}",
            AuditEntity.Batch => $"batch {entry.EntityId}",
            AuditEntity.Excursion => $"excursion {ShortId(entry.EntityId)}",
            AuditEntity.LimitSet when entry.EntityId.Split('/') is [var sensor, var parameter, var state] =>
                $"{sensor} · {ParameterNames.DisplayName(parameter)} ({StateWords(state)})",
            AuditEntity.LimitSet or AuditEntity.Sensor => ParameterNames.Readable(entry.EntityId),
            AuditEntity.Facility => "facility definition",
            _ => $"{entry.EntityType.Replace('_', ' ')} {entry.EntityId}",
        };
    }

    /// <summary>The first block of an excursion id: enough to tell the batch's excursions apart on paper.</summary>
    public static string ShortId(string id) => id.Length > 8 && id[8] == '-' ? id[..8] : id;

    /// <summary>A room state as words ("InOperation" → "in operation").</summary>
    public static string StateWords(string state) => state switch
    {
        "InOperation" => "in operation",
        "AtRest" => "at rest",
        "CleanUp" => "clean-up",
        "NotMonitored" => "not monitored",
        _ => state,
    };

    /// <summary>The text with its first letter in capitals, for a reason or a verdict printed as a sentence.</summary>
    public static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static List<string> Facts(string? json)
    {
        var facts = new List<string>();
        if (string.IsNullOrWhiteSpace(json) || json[0] != '{')
        {
            return facts;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var (field, words) in Details)
            {
                var value = document.RootElement.EnumerateObject().FirstOrDefault(p => p.Name.Equals(field, StringComparison.OrdinalIgnoreCase)).Value;
                if (value.ValueKind is JsonValueKind.String or JsonValueKind.Number && value.ToString() is { Length: > 0 and <= 80 } text)
                {
                    facts.Add($"{words} {(field == "state" ? StateWords(text) : text)}");
                }
            }
        }
        catch (JsonException)
        {
            // A value that is not JSON is printed in the CSV as it is; the row keeps its sentence.
        }
        return facts;
    }
}
