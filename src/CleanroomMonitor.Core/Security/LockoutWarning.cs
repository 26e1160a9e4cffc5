using System.Globalization;

namespace CleanroomMonitor.Core.Security;

/// <summary>What a person is told after a failed signature: how many attempts remain before the account locks, and,
/// when it locks, what happens next. Part 11 §11.300(d) locks the account after repeated failures; without a count the
/// third mistyped password came as a surprise and took the person out of their work.</summary>
public static class LockoutWarning
{
    /// <summary>The message after a failure that did not lock: <paramref name="failure"/> and the attempts left.</summary>
    /// <param name="failure">What was wrong ("the password is wrong").</param>
    /// <param name="failedInARow">Failed attempts in a row, this one included.</param>
    /// <param name="threshold">Failed attempts in a row that lock the account.</param>
    public static string AfterFailure(string failure, int failedInARow, int threshold)
    {
        var left = Math.Max(threshold - failedInARow, 1);
        return left == 1
            ? $"{failure}: 1 attempt left; one more failure locks your account"
            : string.Create(CultureInfo.InvariantCulture, $"{failure}: {left} attempts left before your account locks");
    }

    /// <summary>The message when this failure locked the account.</summary>
    public static string Locked(int threshold, DateTimeOffset lockedUntil) => string.Create(CultureInfo.InvariantCulture,
        $"your account is now locked after {threshold} failed signature attempts and this session has ended; the administrators " +
        $"have been alerted. Sign in again after {lockedUntil.UtcDateTime:yyyy-MM-dd HH:mm} UTC, or ask an administrator to unlock the account sooner.");
}
