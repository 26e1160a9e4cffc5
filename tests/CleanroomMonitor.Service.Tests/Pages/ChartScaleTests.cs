using CleanroomMonitor.Service.Pages;

namespace CleanroomMonitor.Service.Tests.Pages;

public sealed class ChartScaleTests
{
    private const double Top = 10;
    private const double Bottom = 190;

    [Fact]
    public void Logarithmic_CountsUpToThousands_TicksAtZeroThenEveryDecade()
    {
        var sut = ChartScale.Logarithmic(3, 3_520, Top, Bottom);

        Assert.Equal([0d, 1, 10, 100, 1_000, 10_000], sut.Ticks);
    }

    [Fact]
    public void Logarithmic_Zero_DrawnOnTheFloorBelowTheLowestDecade()
    {
        var sut = ChartScale.Logarithmic(3, 3_520, Top, Bottom);

        Assert.Equal(Bottom, sut.Y(0));
        Assert.True(sut.Y(1) < Bottom - 1, "the lowest decade sits above the zero floor, so 0 and 1 are told apart");
    }

    [Fact]
    public void Logarithmic_Decades_EquallySpacedUpToTheTop()
    {
        var sut = ChartScale.Logarithmic(3, 3_520, Top, Bottom);

        var gaps = new[] { 1d, 10, 100, 1_000 }.Select(v => sut.Y(v) - sut.Y(v * 10)).ToList();

        Assert.All(gaps, g => Assert.Equal(gaps[0], g, 6));
        Assert.Equal(Top, sut.Y(10_000), 6);
    }

    [Fact]
    public void Logarithmic_FractionalMeans_LowestDecadeBelowOne()
    {
        var sut = ChartScale.Logarithmic(0.25, 29, Top, Bottom);

        Assert.Equal([0d, 0.1, 1, 10, 100], sut.Ticks);
        Assert.Equal(0.1, sut.LowestDecade, 9);
    }

    [Fact]
    public void Logarithmic_AllZero_FloorAndOneDecade()
    {
        var sut = ChartScale.Logarithmic(null, 0, Top, Bottom);

        Assert.Equal([0d, 1, 10], sut.Ticks);
        Assert.Equal(Bottom, sut.Y(0));
    }

    [Theory]
    [InlineData(-1d, 10d)]
    [InlineData(0d, 10d)]
    [InlineData(1d, double.NaN)]
    public void Logarithmic_ImpossibleInput_Throws(double smallestPositive, double max) =>
        Assert.Throws<ArgumentException>(() => ChartScale.Logarithmic(smallestPositive, max, Top, Bottom));

    [Fact]
    public void Linear_Range_FiveTicksAndEndsAtTopAndBottom()
    {
        var sut = ChartScale.Linear(16, 26, Top, Bottom);

        Assert.Equal([16d, 18.5, 21, 23.5, 26], sut.Ticks);
        Assert.Equal(Bottom, sut.Y(16), 6);
        Assert.Equal(Top, sut.Y(26), 6);
        Assert.False(sut.IsLogarithmic);
    }

    [Fact]
    public void Linear_EmptyRange_Throws() =>
        Assert.Throws<ArgumentException>(() => ChartScale.Linear(5, 5, Top, Bottom));
}
