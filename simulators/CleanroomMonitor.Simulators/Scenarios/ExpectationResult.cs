namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>One expectation of a run: what was expected, what the service showed, and whether that passes.</summary>
internal sealed record ExpectationResult(string Scenario, string Requirement, string Expected, string Observed, bool Passed)
{
    /// <summary>The regulatory clause of the requirement, when its row names one.</summary>
    public string? Clause { get; init; }

    /// <summary>The stimulus the requirement was tested with (<see cref="AppliedStimulus"/>), when the row was run.</summary>
    public string? Stimulus { get; init; }
}
