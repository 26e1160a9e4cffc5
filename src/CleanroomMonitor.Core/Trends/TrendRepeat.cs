using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Core.Trends;

/// <summary>A repeat at one location: <see cref="TrendRules.RepeatCount"/> or more excursions of one kind at one sensor
/// started in the period (Annex 1 9.11: consecutive alert excursions, recurring action excursions with a common cause).</summary>
/// <param name="Excursions">Their ids, oldest first.</param>
public sealed record TrendRepeat(string Sensor, string Location, ExcursionKind Kind, int Count, int Alert, int Action, DateTimeOffset First,
    DateTimeOffset Last, IReadOnlyList<Guid> Excursions);
