using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.Service.Tests.Reports;

public sealed class ReportHtmlPiecesTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("a\\b", "\"a\\\\b\"")]
    [InlineData("</style><script>", "\"\\3C /style\\3E \\3C script\\3E \"")]
    [InlineData("two\nlines", "\"two\\A lines\"")]
    public void CssString_RecordText_CannotEndTheStringOrTheStyleElement(string text, string expected) =>
        Assert.Equal(expected, BatchReportHtml.CssString(text));

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1.7, 2)]
    [InlineData(2.2, 2.5)]
    [InlineData(4, 5)]
    [InlineData(880_000, 1_000_000)]
    public void NiceStep_RoughStep_OneTwoTwoAndAHalfOrFiveTimesAPowerOfTen(double rough, double expected) =>
        Assert.Equal(expected, ReportChart.NiceStep(rough), 9);

    [Theory]
    [InlineData(3_520_000, "3.52M")]
    [InlineData(29_000, "29k")]
    [InlineData(12.5, "12.5")]
    public void Compact_AxisValue_Short(double value, string expected) => Assert.Equal(expected, ReportChart.Compact(value));

    [Fact]
    public void ChartStep_ShortAndLongWindows_TensOfSecondsUpToAnHour()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), ReadingAggregates.ChartStep(TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromSeconds(60), ReadingAggregates.ChartStep(TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(1), ReadingAggregates.ChartStep(TimeSpan.FromDays(30)));
    }
}
