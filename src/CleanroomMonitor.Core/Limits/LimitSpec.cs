namespace CleanroomMonitor.Core.Limits;

/// <summary>Limit values as a facility file states them at one level (grade, room or sensor) for one parameter:
/// every field optional, so a level overrides only what it names. <see cref="AtRest"/> and <see cref="InOperation"/>
/// override the general values for that room state.</summary>
public sealed record LimitSpec(
    Band Alert,
    Band Action,
    TimeSpan? Delay,
    int? DelaySamples,
    string? Justification,
    double? Deadband,
    int? Sign,
    int? ConsecutiveSamples,
    int? OccurrencesN,
    int? OccurrencesM,
    double? CumulativeVolumeLitres,
    bool NoActionLimit,
    LimitSpec? AtRest,
    LimitSpec? InOperation)
{
    public static LimitSpec Empty { get; } = new(Band.None, Band.None, null, null, null, null, null, null, null, null, null, false, null, null);
}
