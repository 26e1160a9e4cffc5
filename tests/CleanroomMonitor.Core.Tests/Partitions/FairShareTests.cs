using CleanroomMonitor.Core.Partitions;

namespace CleanroomMonitor.Core.Tests.Partitions;

public sealed class FairShareTests
{
    [Theory]
    [InlineData(6, 1, new[] { 6 })]
    [InlineData(6, 2, new[] { 3, 3 })]
    [InlineData(7, 2, new[] { 4, 3 })]
    [InlineData(7, 3, new[] { 3, 2, 2 })]
    [InlineData(2, 3, new[] { 1, 1, 0 })]
    [InlineData(0, 2, new[] { 0, 0 })]
    public void Of_EveryLiveInstance_SharesAddUpToThePartitions(int partitions, int instances, int[] expected)
    {
        var live = Enumerable.Range(0, instances).Select(i => "instance-" + i).ToList();

        var shares = live.Select(i => FairShare.Of(partitions, live, i)).ToArray();

        Assert.Equal(expected, shares);
        Assert.Equal(partitions, shares.Sum());
    }

    [Fact]
    public void Of_InstanceNotYetInTheList_CountsItself()
    {
        Assert.Equal(3, FairShare.Of(6, ["b"], "a"));
        Assert.Equal(3, FairShare.Of(6, ["a"], "b"));
    }

    [Fact]
    public void Of_OrderOfTheList_DoesNotMatter()
    {
        Assert.Equal(FairShare.Of(7, ["x", "a", "m"], "m"), FairShare.Of(7, ["m", "x", "a"], "m"));
    }
}
