namespace CleanroomMonitor.Core.Qualification;

/// <summary>A refused request on an OQ run: the failure class and the message for the person or program that asked.</summary>
public sealed record QualificationRefusal(QualificationFailure Failure, string Message);
