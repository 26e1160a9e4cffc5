namespace CleanroomMonitor.Core.Batches;

/// <summary>Why a batch request was refused; nothing was changed.</summary>
public sealed record BatchProblem(BatchProblemKind Kind, string Message);
