namespace CleanroomMonitor.Core.Excursions;

/// <summary>One transition of an excursion: what it was (null when raised), what it is now, and the action name used
/// in the audit trail and notifications ("raised", "escalated", "batch-linked", "returned", "acknowledged", "closed").</summary>
public sealed record ExcursionChange(Excursion? Before, Excursion After, string Action, string By = "system");
