namespace CleanroomMonitor.Core.Notifications;

/// <summary>How a route's people are told: its steps in order (the first normally at once), then a repetition every
/// <paramref name="RepeatEvery"/> to everyone reached so far until the excursion is acknowledged; a signed acknowledgement
/// always stops it, and a return to normal stops it when <paramref name="StopOnReturn"/> says so.</summary>
public sealed record EscalationPolicy(string Id, IReadOnlyList<EscalationStep> Steps, TimeSpan? RepeatEvery, bool StopOnReturn);
