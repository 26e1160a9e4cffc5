namespace CleanroomMonitor.Core.Excursions;

/// <summary>The two moves of an out-of-service period, named in the audit trail with the prefix "sensor.".</summary>
public static class OutOfServiceAction
{
    public const string TakenOut = "out-of-service";
    public const string Returned = "returned-to-service";

    public static IReadOnlyList<string> All { get; } = [TakenOut, Returned];
}
