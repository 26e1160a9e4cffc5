using System.Globalization;
using CleanroomMonitor.Core.Notifications;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>The delivery record of an excursion in one line per notification, as the batch report prints it:
/// "Olu Operator: delivered by sms at 2026-12-07 09:00:04 UTC (route action-level, step 1)".</summary>
public static class DeliveryLines
{
    public static IReadOnlyList<string> Of(IReadOnlyList<Delivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        return [.. deliveries.Select(Line)];
    }

    public static string Line(Delivery d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var where = $"route {d.Route}, step {d.Step}{(d.Repeat > 0 ? $", reminder {d.Repeat}" : string.Empty)}";
        return d.Status switch
        {
            DeliveryStatus.Delivered when d.Attempts.LastOrDefault(a => a.Delivered) is { } ok =>
                $"{d.ContactName}: delivered by {ok.Channel} at {Utc(ok.At)} ({where}{Failures(d)})",
            DeliveryStatus.Failed => $"{d.ContactName}: NOT delivered, {d.Attempts.Count} attempts failed, last: {(d.Attempts.Count > 0 ? d.Attempts[^1].Answer : "none")} ({where})",
            DeliveryStatus.Unreached => $"{d.Contact}: not notified: {d.Note} ({where})",
            _ => $"{d.ContactName}: pending since {Utc(d.CreatedAt)} ({where})",
        };
    }

    private static string Failures(Delivery d) => d.Attempts.Count(a => !a.Delivered) is var n and > 0 ? $"; {n} failed attempt(s) before" : string.Empty;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
