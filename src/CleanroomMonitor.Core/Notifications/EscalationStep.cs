namespace CleanroomMonitor.Core.Notifications;

/// <summary>One level of an escalation: whom to notify (contact ids, or <c>roster:&lt;id&gt;</c> for whoever is on call
/// then), through which channels in order of preference (the next is the fallback when one fails), and how long after
/// the excursion was raised, if nobody has acknowledged it by then.</summary>
public sealed record EscalationStep(TimeSpan After, IReadOnlyList<string> Notify, IReadOnlyList<string> Channels)
{
    public const string RosterPrefix = "roster:";
}
