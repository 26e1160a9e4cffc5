namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>One expectation of a run: what was expected, what the service showed, and whether that passes.</summary>
internal sealed record ExpectationResult(string Scenario, string Requirement, string Expected, string Observed, bool Passed);
