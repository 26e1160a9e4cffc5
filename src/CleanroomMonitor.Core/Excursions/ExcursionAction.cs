namespace CleanroomMonitor.Core.Excursions;

/// <summary>The moves in an excursion's life, as named in its history, in notifications and (prefixed "excursion.") in
/// the audit trail. One closed set: a reader that asks "was this raised?" compares with these, never with a literal.</summary>
public static class ExcursionAction
{
    public const string Raised = "raised";
    public const string Escalated = "escalated";
    public const string BatchLinked = "batch-linked";
    public const string Returned = "returned";
    public const string Acknowledged = "acknowledged";
    public const string Shelved = "shelved";
    public const string Unshelved = "unshelved";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [Raised, Escalated, BatchLinked, Returned, Acknowledged, Shelved, Unshelved, Closed];
}
