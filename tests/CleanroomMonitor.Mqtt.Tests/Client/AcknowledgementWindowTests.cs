using CleanroomMonitor.Mqtt.Client;

namespace CleanroomMonitor.Mqtt.Tests.Client;

public sealed class AcknowledgementWindowTests
{
    private readonly List<string> _released = [];

    [Fact]
    public void Complete_InReceiveOrder_ReleasesEachAtOnce()
    {
        var window = new AcknowledgementWindow<string>(_released.Add);
        var a = window.Add("a");
        var b = window.Add("b");

        a.Complete();
        Assert.Equal(["a"], _released);
        b.Complete();
        Assert.Equal(["a", "b"], _released);
        Assert.Equal(0, window.Pending);
    }

    [Fact]
    public void Complete_LaterMessageFirst_HeldUntilEveryEarlierOneIsComplete()
    {
        var window = new AcknowledgementWindow<string>(_released.Add);
        var tickets = new[] { "a", "b", "c", "d" }.Select(window.Add).ToArray();

        tickets[2].Complete();
        tickets[1].Complete();
        Assert.Empty(_released);
        tickets[0].Complete();

        Assert.Equal(["a", "b", "c"], _released);
        Assert.Equal(1, window.Pending);
    }

    [Fact]
    public void Complete_Twice_ReleasesOnce()
    {
        var window = new AcknowledgementWindow<string>(_released.Add);
        var a = window.Add("a");

        a.Complete();
        a.Complete();

        Assert.Equal(["a"], _released);
    }

    [Fact]
    public void NewConnection_MessagesOfTheOldOne_NeverReleased()
    {
        var window = new AcknowledgementWindow<string>(_released.Add);
        var old = window.Add("old");
        window.NewConnection();
        var fresh = window.Add("fresh");

        old.Complete();
        fresh.Complete();

        Assert.Equal(["fresh"], _released);
    }
}
