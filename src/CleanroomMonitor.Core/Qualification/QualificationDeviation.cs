namespace CleanroomMonitor.Core.Qualification;

/// <summary>A numbered deviation of an OQ run, as the kit listed it: a failed row, an event no row claims, or a
/// prerequisite not met. Each needs a signed disposition before the run can be approved (docs/security.md "OQ runs").</summary>
/// <param name="Number">Unique within the run, e.g. "DEV-01".</param>
/// <param name="Kind">One of <see cref="Kinds"/>.</param>
public sealed record QualificationDeviation(string Number, string Kind, string? Requirement, string? Scenario, string Detail)
{
    public const string FailedRow = "failed row";
    public const string UnexpectedEvent = "unexpected event";
    public const string Prerequisite = "prerequisite";

    public static IReadOnlyList<string> Kinds { get; } = [FailedRow, UnexpectedEvent, Prerequisite];
}
