namespace CleanroomMonitor.Simulators.Oq;

/// <summary>A deviation as <see cref="OqSubmission"/> carries it (the record store's fields; the re-test command stays in the report).</summary>
internal sealed record OqSubmittedDeviation(string Number, string Kind, string? Requirement, string? Scenario, string Detail);
