namespace CleanroomMonitor.Core.Excursions;

public enum VerdictKind
{
    None,
    Start,
    Escalate,
    Return,
}
