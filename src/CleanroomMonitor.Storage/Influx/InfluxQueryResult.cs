namespace CleanroomMonitor.Storage.Influx;

/// <summary>The answer to an InfluxQL query: every series of every statement, in order.</summary>
public sealed record InfluxQueryResult(IReadOnlyList<InfluxSeries> Series);
