using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Storage.Buffer;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>Writes the daily "monitoring healthy" message: every sensor reporting within its gap time or not (by name),
/// the excursions awaiting acknowledgement or QA's closure, the system conditions active, and the backlog InfluxDB has
/// not taken. "Healthy" means no silent sensor, nothing awaiting acknowledgement and no system condition.</summary>
public sealed class MonitoringHealth(FacilityDefinition facility, LatestValues latest, IRecordStore records, SystemConditions conditions,
    DurableBuffer buffer, IOptions<NotificationOptions> options, TimeProvider time)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task<NotificationMessage> ComposeAsync(string summary, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var silent = facility.Sensors
            .Where(s => s.Parameters.All(p => latest.Latest(s.Id, p) is not { } r || now - r.Timestamp > s.GapAfter))
            .Select(s => s.Id.Value).ToList();
        var open = await records.OpenExcursionsAsync(cancellationToken);
        var unacknowledged = open.Where(EscalationPlanner.AwaitsAcknowledgement).ToList();
        var awaitingClosure = open.Count(e => e.Status == ExcursionStatus.ReturnedToNormal);
        var active = conditions.ActiveNames();
        var healthy = silent.Count == 0 && unacknowledged.Count == 0 && active.Count == 0;
        var local = TimeZoneInfo.ConvertTime(now, facility.Site.TimeZone);
        var subject = $"Monitoring {(healthy ? "healthy" : "NEEDS ATTENTION")}: {facility.Site.Name}, {local.ToString("yyyy-MM-dd HH:mm", Invariant)}";
        var text = new StringBuilder()
            .Append(Invariant, $"Daily monitoring summary '{summary}' of {facility.Site.Name} at {local.ToString("yyyy-MM-dd HH:mm", Invariant)} {facility.Site.TimeZone.Id}.").AppendLine()
            .AppendLine()
            .Append(Invariant, $"Sensors reporting: {facility.Sensors.Count - silent.Count} of {facility.Sensors.Count}.")
            .AppendLine(silent.Count == 0 ? string.Empty : $" Silent longer than their gap time: {string.Join(", ", silent)}.")
            .Append(Invariant, $"Excursions awaiting acknowledgement: {unacknowledged.Count}.")
            .AppendLine(unacknowledged.Count == 0 ? string.Empty
                : " " + string.Join("; ", unacknowledged.OrderBy(e => e.StartedAt).Take(10).Select(e => $"{e.Level} {e.Kind} in {e.Room} since {e.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC")))
            .Append(Invariant, $"Excursions back to normal awaiting QA's closure: {awaitingClosure}.").AppendLine()
            .Append(Invariant, $"System conditions active: {(active.Count == 0 ? "none" : string.Join(", ", active))}.").AppendLine()
            .Append(Invariant, $"Readings not yet stored in InfluxDB: {buffer.PendingRecords}.").AppendLine()
            .AppendLine()
            .AppendLine(options.Value.PublicUrl.AbsoluteUri);
        var fields = NotificationText.FieldNames.ToDictionary(f => f, _ => string.Empty, StringComparer.Ordinal);
        fields["site"] = facility.Site.Id;
        fields["siteName"] = facility.Site.Name;
        fields["levelText"] = healthy ? "Healthy" : "Attention";
        fields["level"] = "summary";
        fields["what"] = subject;
        fields["route"] = DailySummary.RoutePrefix + summary;
        fields["link"] = options.Value.PublicUrl.AbsoluteUri;
        return new NotificationMessage(Guid.Empty, subject, text.ToString(), options.Value.PublicUrl, fields);
    }
}
