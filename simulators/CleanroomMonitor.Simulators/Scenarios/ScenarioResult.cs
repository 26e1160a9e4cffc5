namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>What a scenario run sent and, when the service's API was given, how its expectations turned out.</summary>
internal sealed record ScenarioResult(
    string Scenario,
    string RunId,
    DateTimeOffset StartedAt,
    TimeSpan WallTime,
    long SamplesPublished,
    IReadOnlyList<ExpectationResult> Expectations)
{
    /// <summary>The ids of the excursions its expectation rows matched: an OQ run lists every other excursion of its
    /// time as unexpected.</summary>
    public IReadOnlyList<string> Claimed { get; init; } = [];

    /// <summary>When each sensor's samples were sent (wall clock), from <see cref="ScenarioPlayer.SentAt"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<Core.Facility.SensorId, List<DateTimeOffset>> SentAt { get; init; } = new Dictionary<Core.Facility.SensorId, List<DateTimeOffset>>();

    public bool Passed => Expectations.All(e => e.Passed);
}
