using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Service.Security;

/// <summary>The result of a sign-in attempt; <see cref="User"/> is set only on success. The message never says whether
/// the user name exists.</summary>
public sealed record SignInOutcome(User? User, string? Error, bool IsLockedOut);
