using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Tests.Security;

public sealed class PasswordPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private readonly PasswordPolicy _sut = new(MinimumLength: 10, Expiry: TimeSpan.FromDays(90));

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("abcdeabcde")]          // a repeated unit
    [InlineData("aaaaaaaaaa")]
    [InlineData("xyzxyzxyzxyz")]
    [InlineData("password123")]         // a common word with digits around it
    [InlineData("Password2024!")]
    [InlineData("qwertyuiop")]
    [InlineData("1234567890")]
    [InlineData("abcdefghijk")]         // a run of the alphabet
    [InlineData("9876543210")]
    [InlineData("welcome2026")]
    [InlineData("jdoe-jdoe-2026")]      // contains the user name
    public void Problem_WeakPassword_IsRefusedWithAReason(string? password)
    {
        Assert.NotNull(_sut.Problem(password, "jdoe"));
    }

    [Theory]
    [InlineData("cleanroom-demo")]
    [InlineData("cleanroom-test-password")]
    [InlineData("a long enough admin password")]
    [InlineData("Tr7!kq-Lamp-Violet")]
    public void Problem_StrongEnoughPassword_IsAccepted(string password)
    {
        Assert.Null(_sut.Problem(password, "jdoe"));
    }

    [Theory]
    [InlineData(89, false)]
    [InlineData(90, true)]
    [InlineData(400, true)]
    public void IsExpired_ByAgeOfPassword_ExpiresAtTheConfiguredAge(int days, bool expected)
    {
        Assert.Equal(expected, _sut.IsExpired(T0, T0.AddDays(days)));
    }
}
