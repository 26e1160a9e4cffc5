namespace CleanroomMonitor.Simulators.Oq;

/// <summary>A numbered deviation of an OQ run (issue 24): a failed row, an unexpected event or a failed prerequisite, each
/// needing a disposition, with the re-test that would show it fixed.</summary>
/// <param name="Number">"DEV-01", "DEV-02"… in the report's order: prerequisites, failed rows, unexpected events.</param>
/// <param name="Kind">"prerequisite", "failed row" or "unexpected event" (the words of the service's record store).</param>
/// <param name="Detail">What was observed.</param>
/// <param name="Retest">The command to run once the cause is fixed.</param>
internal sealed record OqDeviation(string Number, string Kind, string? Requirement, string? Scenario, string Detail, string Retest)
{
    public const string FailedRow = "failed row";
    public const string UnexpectedEvent = "unexpected event";
    public const string Prerequisite = "prerequisite";
}
