namespace CleanroomMonitor.Core.Limits;

/// <summary>Which bound of its limits a value breached: at or above a maximum, or at or below a minimum. It says which
/// way "worse" runs for the excursion's peak, and it is fixed when the excursion starts: an escalation from the alert to
/// the action limit on the same side changes the limit, never the direction.</summary>
public enum BreachSide
{
    High,
    Low,
}
