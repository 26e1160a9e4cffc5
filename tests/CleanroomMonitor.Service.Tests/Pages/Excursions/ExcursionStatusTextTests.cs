using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Service.Pages.Excursions;

namespace CleanroomMonitor.Service.Tests.Pages.Excursions;

public sealed class ExcursionStatusTextTests
{
    public static TheoryData<ExcursionStatus> Statuses() => new(Enum.GetValues<ExcursionStatus>());

    [Theory, MemberData(nameof(Statuses))]
    public void Of_EveryStatus_WordsNotTheEnumName(ExcursionStatus status)
    {
        var text = ExcursionStatusText.Of(status);

        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.True(char.IsUpper(text[0]), text);
        // Words, not the code's name: "ReturnedUnacknowledged" must never reach a page.
        Assert.True(status == ExcursionStatus.Closed || text != status.ToString(), text);
        Assert.DoesNotMatch("[a-z][A-Z]", text);
    }

    [Fact]
    public void Of_EveryStatus_EachHasItsOwnWords() =>
        Assert.Equal(Enum.GetValues<ExcursionStatus>().Length, Enum.GetValues<ExcursionStatus>().Select(ExcursionStatusText.Of).Distinct().Count());

    [Theory]
    [InlineData(ExcursionStatus.Unacknowledged, "Active, not yet acknowledged")]
    [InlineData(ExcursionStatus.Acknowledged, "Active, acknowledged")]
    [InlineData(ExcursionStatus.ReturnedUnacknowledged, "Returned to normal, not yet acknowledged")]
    [InlineData(ExcursionStatus.ReturnedToNormal, "Returned to normal, acknowledged, waiting for QA to close it")]
    [InlineData(ExcursionStatus.Closed, "Closed")]
    [InlineData(ExcursionStatus.Shelved, "Shelved, active, not yet acknowledged")]
    public void Of_Status_ReadsAsQaSaysIt(ExcursionStatus status, string expected) => Assert.Equal(expected, ExcursionStatusText.Of(status));
}
