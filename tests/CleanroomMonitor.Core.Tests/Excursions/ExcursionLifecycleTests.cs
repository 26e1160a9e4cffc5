using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Tests.Excursions;

public sealed class ExcursionLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly Excursion Raised = new(Guid.NewGuid(), ExcursionKind.Temperature, LimitLevel.Alert, new SensorId("th"), new RoomId("cr1"),
        Parameter.Temperature, Grade.B, RoomState.AtRest, "value ≥ alert limit 23", 24, 23, null, null, T0, null, 24, T0,
        ExcursionStatus.Unacknowledged, [], [], "v1");

    [Fact]
    public void Close_BeforeAcknowledge_IsRefused()
    {
        var (returned, _) = ExcursionLifecycle.ReturnToNormal(Raised, T0.AddMinutes(5), "ok");

        var (closed, error) = ExcursionLifecycle.Close(returned!, "qa", "reviewed", T0.AddHours(1));

        Assert.Null(closed);
        Assert.Contains("acknowledged before", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_WhileActive_IsRefused()
    {
        var (acked, _) = ExcursionLifecycle.Acknowledge(Raised, "op", "seen", T0.AddMinutes(1));

        Assert.Null(ExcursionLifecycle.Close(acked!, "qa", "reviewed", T0.AddHours(1)).Changed);
    }

    [Fact]
    public void FullLife_AcknowledgeReturnClose_EndsClosedWithHistory()
    {
        var (acked, _) = ExcursionLifecycle.Acknowledge(Raised, "op", "seen", T0.AddMinutes(1));
        var (returned, _) = ExcursionLifecycle.ReturnToNormal(acked!, T0.AddMinutes(5), "ok");
        var (closed, error) = ExcursionLifecycle.Close(returned!, "qa", "no impact", T0.AddHours(1));

        Assert.Null(error);
        Assert.Equal(ExcursionStatus.Closed, closed!.Status);
        Assert.Equal(TimeSpan.FromMinutes(5), closed.Duration);
        Assert.Equal(["acknowledged", "returned", "closed"], closed.History.Select(h => h.What));
        Assert.Null(ExcursionLifecycle.Acknowledge(closed, "op", "again", T0.AddHours(2)).Changed);
    }

    [Fact]
    public void Escalate_AfterAcknowledge_NeedsANewAcknowledgement()
    {
        var (acked, _) = ExcursionLifecycle.Acknowledge(Raised, "op", "seen", T0.AddMinutes(1));

        var escalated = ExcursionLifecycle.Escalate(acked!, LimitLevel.Action, "value ≥ action limit 25", 26, 25, T0.AddMinutes(2));

        Assert.Equal(ExcursionStatus.Unacknowledged, escalated.Status);
        Assert.Equal(LimitLevel.Action, escalated.Level);
    }
}
