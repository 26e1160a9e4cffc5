namespace CleanroomMonitor.Core.Notifications;

/// <summary>What one notification says, before a channel shapes it: a subject line, a plain text body for people, a
/// link to the excursion page (where the signed acknowledgement is made: a reply never acknowledges), and the
/// excursion's fields by name for gateway templates (docs/notifications.md lists them).</summary>
/// <param name="ExcursionId">The excursion it is about; empty for a test notification.</param>
/// <param name="Subject">One line, for a mail subject or an SMS.</param>
/// <param name="Text">Several lines: what happened, where, the value against the limit, the batches, the link.</param>
/// <param name="Link">The absolute URL of the excursion page.</param>
/// <param name="Fields">The excursion's fields by name ("room", "sensor", "value", "limit", "level", "batches", ...).</param>
public sealed record NotificationMessage(Guid ExcursionId, string Subject, string Text, Uri Link, IReadOnlyDictionary<string, string> Fields);
