using CleanroomMonitor.Core.Configuration;

namespace CleanroomMonitor.Core.Tests.Configuration;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("1.5m", 90)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("00:01:00", 60)]
    public void TryParse_KnownForms_GivesSeconds(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("10")]
    [InlineData("-5s")]
    [InlineData("1e3s")]
    [InlineData(null)]
    public void TryParse_Nonsense_Fails(string? text) => Assert.False(DurationParser.TryParse(text, out _));
}
