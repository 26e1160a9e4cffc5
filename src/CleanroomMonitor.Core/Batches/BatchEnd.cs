namespace CleanroomMonitor.Core.Batches;

/// <summary>A request to end an active batch. <see cref="At"/> null means now.</summary>
public sealed record BatchEnd(string? Number, DateTimeOffset? At, string By);
