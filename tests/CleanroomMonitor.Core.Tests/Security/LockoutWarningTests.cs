using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Tests.Security;

public sealed class LockoutWarningTests
{
    [Theory]
    [InlineData(1, "the password is wrong: 2 attempts left before your account locks")]
    [InlineData(2, "the password is wrong: 1 attempt left; one more failure locks your account")]
    public void AfterFailure_ThresholdThree_SaysAttemptsLeft(int failed, string expected) =>
        Assert.Equal(expected, LockoutWarning.AfterFailure("the password is wrong", failed, 3));

    [Fact]
    public void Locked_Always_SaysUntilWhenAndWhoCanUnlock()
    {
        var text = LockoutWarning.Locked(3, new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.Zero));

        Assert.Contains("locked after 3 failed signature attempts", text, StringComparison.Ordinal);
        Assert.Contains("2026-03-01 10:30 UTC", text, StringComparison.Ordinal);
        Assert.Contains("administrator to unlock", text, StringComparison.Ordinal);
    }
}
