namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>A refused request on a limit change: the failure class and the message for the person or program that asked.</summary>
public sealed record LimitChangeRefusal(LimitChangeFailure Failure, string Message);
