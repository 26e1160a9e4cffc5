namespace CleanroomMonitor.Core.Notifications;

/// <summary>The delivery record of one notification to one person (docs/notifications.md "Delivery record"): which
/// excursion, which route and step, who, through which channels, and every attempt with the server's answer. Saved as
/// pending with the escalation move that planned it, so a crash between the plan and the send loses nothing.</summary>
/// <param name="ExcursionId">The excursion; <see cref="Guid.Empty"/> for a test notification or a daily summary.</param>
/// <param name="Contact">The contact's id (for an unreached roster, the <c>roster:&lt;id&gt;</c> it named).</param>
/// <param name="RequestedBy">For a test notification, the user who asked for it; "system" for a daily summary.</param>
/// <param name="ContactTenant">The tenant the person works for; null for facility staff. A tenant's users see only the
/// notifications of their own people and the facility's.</param>
public sealed record Delivery(
    Guid Id,
    Guid ExcursionId,
    string Route,
    int Step,
    int Repeat,
    string Contact,
    string ContactName,
    IReadOnlyList<string> Channels,
    DateTimeOffset CreatedAt,
    DeliveryStatus Status,
    IReadOnlyList<DeliveryAttempt> Attempts,
    string? Note = null,
    string? RequestedBy = null,
    string? ContactTenant = null)
{
    /// <summary>A notification planned for <paramref name="recipient"/>, pending until a channel takes it.</summary>
    public static Delivery Planned(Recipient recipient, Guid excursionId, string route, DateTimeOffset now, string? requestedBy = null)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return new Delivery(Guid.CreateVersion7(now), excursionId, route, recipient.Step, recipient.Repeat, recipient.Contact.Id, recipient.Contact.Name,
            recipient.Channels, now, DeliveryStatus.Pending, [], RequestedBy: requestedBy, ContactTenant: recipient.Contact.Tenant);
    }

    /// <summary>The record of someone a step named who could not be notified, with why.</summary>
    public static Delivery NotReached(Unreached unreached, Guid excursionId, string route, int repeat, DateTimeOffset now, string? requestedBy = null)
    {
        ArgumentNullException.ThrowIfNull(unreached);
        return new Delivery(Guid.CreateVersion7(now), excursionId, route, unreached.Step, repeat, unreached.Target, unreached.Target, [], now,
            DeliveryStatus.Unreached, [], unreached.Reason, requestedBy, unreached.Tenant);
    }

    /// <summary>Whether a user of <paramref name="tenant"/> (null: facility staff) may see this record.</summary>
    public bool VisibleTo(string? tenant) => tenant is null || ContactTenant is null || ContactTenant == tenant;

    /// <summary>Not about an excursion: a test notification or a daily summary.</summary>
    public bool IsTest => ExcursionId == Guid.Empty;

    /// <summary>When the delivering attempt was made; null until one was.</summary>
    public DateTimeOffset? DeliveredAt => Attempts.LastOrDefault(a => a.Delivered)?.At;
}
