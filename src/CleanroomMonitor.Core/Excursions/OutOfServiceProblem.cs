namespace CleanroomMonitor.Core.Excursions;

/// <summary>Why a sensor could not be taken out of service; nothing was changed.</summary>
/// <param name="IsConflict">It is out of service already (a conflict), rather than an invalid request.</param>
public sealed record OutOfServiceProblem(string Message, bool IsConflict = false);
