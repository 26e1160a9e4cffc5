namespace CleanroomMonitor.Core.Notifications;

/// <summary>What one due moment of an escalation produces: the escalation as it stands after it, the people to notify
/// now, and those a step named who cannot be notified, with why.</summary>
public sealed record Firing(Escalation Next, IReadOnlyList<Recipient> Recipients, IReadOnlyList<Unreached> Unreached);
