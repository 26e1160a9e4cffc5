namespace CleanroomMonitor.Dashboards.Model;

/// <summary>How a stat panel reduces each series to one value (<c>lastNotNull</c>: the latest reading).</summary>
public sealed record ReduceOptions(IReadOnlyList<string> Calcs, string Fields, bool Values);
