namespace CleanroomMonitor.Core.Excursions;

/// <summary>A value with the time stamp of the reading that carried it.</summary>
public sealed record TimedValue(DateTimeOffset At, double Value);
