namespace CleanroomMonitor.Core.Notifications;

/// <summary>One person to notify in one firing of an escalation, with the channels to try in order.</summary>
/// <param name="Step">The step (1-based) that named them, as the delivery record shows it.</param>
/// <param name="Repeat">0 for the step's first notice, n for the n-th repetition.</param>
/// <param name="Via">The roster that put them on call, when one did.</param>
public sealed record Recipient(Contact Contact, IReadOnlyList<string> Channels, int Step, int Repeat, string? Via);
