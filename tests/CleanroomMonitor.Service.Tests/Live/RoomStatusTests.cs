using CleanroomMonitor.Service.Live;

namespace CleanroomMonitor.Service.Tests.Live;

/// <summary>A room's state on the board: the word, the rank that orders the board, and why it is not fully monitored.</summary>
public sealed class RoomStatusTests
{
    private static ParameterTile Parameter(string sensor, string label, string level = "normal", bool stale = false) =>
        new($"{sensor}/{label}", sensor, label, label, "", 1, "1", level, level, "", 1, stale);

    private static readonly ParameterTile[] AllNormal = [Parameter("pc1", "≥0.5 µm"), Parameter("pc1", "≥5.0 µm"), Parameter("th1", "temperature")];

    [Theory]
    [InlineData("action", 0, "action", "ACTION")]
    [InlineData("alert", 0, "alert", "ALERT")]
    [InlineData("normal", 1, "open", "OPEN EXCURSION")]
    [InlineData("normal", 2, "open", "OPEN EXCURSIONS")]
    [InlineData("normal", 0, "normal", "NORMAL")]
    public void Of_LevelAndOpenExcursions_KeyAndWord(string level, int open, string key, string word)
    {
        var status = RoomStatus.Of(level, open, notMonitored: false, AllNormal);

        Assert.Equal((key, word, (string?)null), (status.Key, status.Word, status.Monitoring));
    }

    [Fact]
    public void Of_WholeSensorOutOfService_NotFullyMonitoredNamingTheSensor()
    {
        var status = RoomStatus.Of("normal", 0, false, [Parameter("pc1", "≥0.5 µm", "oos"), Parameter("pc1", "≥5.0 µm", "oos"), Parameter("th1", "temperature")]);

        Assert.Equal(("partial", "NOT FULLY MONITORED", "pc1 out of service"), (status.Key, status.Word, status.Monitoring));
        Assert.Equal(RoomStatus.NotFullyMonitoredRank, status.Rank);
    }

    [Fact]
    public void Of_OneParameterWithoutDataAndOneStale_NamesTheParameters()
    {
        var status = RoomStatus.Of("normal", 0, false, [Parameter("pc1", "≥0.5 µm", "nodata"), Parameter("pc1", "≥5.0 µm"), Parameter("th1", "temperature", stale: true)]);

        Assert.Equal("pc1 ≥0.5 µm no data; th1 no recent data", status.Monitoring);
    }

    [Fact]
    public void Of_ActionInARoomNotFullyMonitored_StaysActionAndKeepsTheReason()
    {
        var status = RoomStatus.Of("action", 1, false, [Parameter("pc1", "≥0.5 µm", "action"), Parameter("th1", "temperature", "oos")]);

        Assert.Equal(("action", "th1 out of service"), (status.Key, status.Monitoring));
        Assert.True(status.IsInAlarm);
    }

    [Fact]
    public void Of_NoParameterHasData_NoData()
    {
        var status = RoomStatus.Of("normal", 0, false, [Parameter("th2", "temperature", "nodata")]);

        Assert.Equal(("nodata", "NO DATA", RoomStatus.NotFullyMonitoredRank), (status.Key, status.Word, status.Rank));
    }

    [Fact]
    public void Of_NonMonitoringWindow_NotFullyMonitored() =>
        Assert.Equal("non-monitoring window declared", RoomStatus.Of("normal", 0, notMonitored: true, AllNormal).Monitoring);
}
