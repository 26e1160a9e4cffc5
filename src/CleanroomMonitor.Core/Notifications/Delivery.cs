namespace CleanroomMonitor.Core.Notifications;

/// <summary>The delivery record of one notification to one person (docs/notifications.md "Delivery record"): which
/// excursion, which route and step, who, through which channels, and every attempt with the server's answer. Saved as
/// pending with the escalation move that planned it, so a crash between the plan and the send loses nothing.</summary>
/// <param name="ExcursionId">The excursion; <see cref="Guid.Empty"/> for a test notification or a daily summary.</param>
/// <param name="Contact">The contact's id (for an unreached roster, the <c>roster:&lt;id&gt;</c> it named).</param>
/// <param name="RequestedBy">For a test notification, the user who asked for it; "system" for a daily summary.</param>
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
    string? RequestedBy = null)
{
    /// <summary>Not about an excursion: a test notification or a daily summary.</summary>
    public bool IsTest => ExcursionId == Guid.Empty;

    /// <summary>When the delivering attempt was made; null until one was.</summary>
    public DateTimeOffset? DeliveredAt => Attempts.LastOrDefault(a => a.Delivered)?.At;
}
