using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Tests.Excursions;

public sealed class ExcursionLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly Excursion Raised = new(Guid.NewGuid(), ExcursionKind.Temperature, LimitLevel.Alert, new SensorId("th"), new RoomId("cr1"),
        Parameter.Temperature, Grade.B, RoomState.AtRest, "value ≥ alert limit 23", 24, 23, null, null, T0, null, 24, T0,
        ExcursionStatus.Unacknowledged, [], [], "v1");

    private static ExcursionAcknowledgement Ack(DateTimeOffset at) =>
        new(new Signature(Guid.NewGuid(), "op", "Olive Operator", "Operator", "acknowledged", at, "password re-entered"), "HVAC", "seen", "door closed");

    private static ExcursionClosure Close(DateTimeOffset at, params ProductImpact[] impacts) =>
        new(new Signature(Guid.NewGuid(), "qa", "Quinn QA", "QA", "reviewed and closed", at, "password re-entered"), "DEV-1", impacts, null, "no impact");

    [Fact]
    public void Close_BeforeAcknowledge_IsRefused()
    {
        var (returned, _) = ExcursionLifecycle.ReturnToNormal(Raised, T0.AddMinutes(5), "ok");

        var (closed, error) = ExcursionLifecycle.Close(returned!, Close(T0.AddHours(1)));

        Assert.Null(closed);
        Assert.Contains("acknowledged before", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_WhileActive_IsRefused()
    {
        var (acked, _) = ExcursionLifecycle.Acknowledge(Raised, Ack(T0.AddMinutes(1)));

        Assert.Null(ExcursionLifecycle.Close(acked!, Close(T0.AddHours(1))).Changed);
    }

    [Fact]
    public void FullLife_AcknowledgeReturnClose_EndsClosedWithHistory()
    {
        var (acked, _) = ExcursionLifecycle.Acknowledge(Raised, Ack(T0.AddMinutes(1)));
        var (returned, _) = ExcursionLifecycle.ReturnToNormal(acked!, T0.AddMinutes(5), "ok");
        var (closed, error) = ExcursionLifecycle.Close(returned!, Close(T0.AddHours(1)));

        Assert.Null(error);
        Assert.Equal(ExcursionStatus.Closed, closed!.Status);
        Assert.Equal(TimeSpan.FromMinutes(5), closed.Duration);
        Assert.Equal(["acknowledged", "returned", "closed"], closed.History.Select(h => h.What));
        Assert.Null(ExcursionLifecycle.Acknowledge(closed, Ack(T0.AddHours(2))).Changed);
        Assert.Equal("Quinn QA", closed.Closure!.Signature.PrintedName);
        Assert.Equal("Olive Operator", closed.Acknowledgement!.Signature.PrintedName);
    }

    [Fact]
    public void Close_LinkedBatchWithoutImpactDecision_IsRefused()
    {
        var withBatches = Raised with { Batches = ["B-1", "B-2"] };
        var (acked, _) = ExcursionLifecycle.Acknowledge(withBatches, Ack(T0.AddMinutes(1)));
        var (returned, _) = ExcursionLifecycle.ReturnToNormal(acked!, T0.AddMinutes(5), "ok");

        var (closed, error) = ExcursionLifecycle.Close(returned!, Close(T0.AddHours(1), new ProductImpact("B-1", "no impact", "inside the BSC")));

        Assert.Null(closed);
        Assert.Contains("B-2", error, StringComparison.Ordinal);
        Assert.NotNull(ExcursionLifecycle.Close(returned!, Close(T0.AddHours(1),
            new ProductImpact("B-1", "no impact", "closed system"), new ProductImpact("B-2", "no impact", "closed system"))).Changed);
    }

    [Fact]
    public void Escalate_AfterAcknowledge_NeedsANewAcknowledgement()
    {
        var (acked, _) = ExcursionLifecycle.Acknowledge(Raised, Ack(T0.AddMinutes(1)));

        var escalated = ExcursionLifecycle.Escalate(acked!, LimitLevel.Action, "value ≥ action limit 25", 26, 25, T0.AddMinutes(2));

        Assert.Equal(ExcursionStatus.Unacknowledged, escalated.Status);
        Assert.Equal(LimitLevel.Action, escalated.Level);
    }
}
