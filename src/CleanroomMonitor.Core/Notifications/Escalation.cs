namespace CleanroomMonitor.Core.Notifications;

/// <summary>One route's escalation for one excursion, saved after every move so timers survive a restart: the steps
/// already notified, the repetitions sent, and when the next notification is due.</summary>
/// <param name="StartedAt">When the route started for the excursion: step delays count from here.</param>
/// <param name="StepsDone">How many of the policy's steps have been notified.</param>
/// <param name="Repeats">How many repetitions have been sent after the steps.</param>
/// <param name="DueAt">When the next notification is due; null when none is (suspended or stopped).</param>
/// <param name="Note">Why it stopped or is suspended, in words.</param>
/// <param name="LastFiredAt">When it last notified anyone; null before the first time, and after an unshelving (so the
/// next moment reminds everyone reached).</param>
public sealed record Escalation(
    Guid ExcursionId,
    string Route,
    string Policy,
    DateTimeOffset StartedAt,
    int StepsDone,
    int Repeats,
    DateTimeOffset? DueAt,
    EscalationState State,
    string? Note = null,
    DateTimeOffset? LastFiredAt = null)
{
    public bool IsDue(DateTimeOffset now) => State == EscalationState.Running && DueAt <= now;
}
