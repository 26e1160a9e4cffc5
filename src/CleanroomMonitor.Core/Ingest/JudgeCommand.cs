namespace CleanroomMonitor.Core.Ingest;

/// <summary>A request that changes what the excursion engine knows (start a batch, declare a window, acknowledge an
/// excursion…), carried in order with the readings. Its kinds, and the answer each waits for, are defined where the
/// engine lives; this base only lets them travel on the pipeline's channel.</summary>
public abstract record JudgeCommand;
