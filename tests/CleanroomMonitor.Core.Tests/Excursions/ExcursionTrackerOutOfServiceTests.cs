using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Excursions;

/// <summary>ISA-18.2 out of service, on the tracker's own clock (every time comes with its input).</summary>
public sealed class ExcursionTrackerOutOfServiceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Cr1 = new("cr1");
    private readonly ExcursionTracker _sut = new(TrackerFacility.Create(), T0);

    private static Reading Value(string sensor, Parameter parameter, double value, TimeSpan at) =>
        new(new SensorId(sensor), Cr1, parameter, value, T0 + at, TimeSource.Device, T0 + at);

    private OutOfServicePeriod TakeOut(string sensor, Parameter? parameter, TimeSpan at, TimeSpan expectedEnd)
    {
        var (period, problem, _) = _sut.TakeOutOfService(new SensorId(sensor), parameter, T0 + expectedEnd, "calibration, WO-4711", "eng", T0 + at);
        Assert.Null(problem);
        return period!;
    }

    [Fact]
    public void OnReading_WholeSensorOutOfService_BreachesRaiseNothing()
    {
        TakeOut("pcb", null, TimeSpan.Zero, TimeSpan.FromHours(2));

        var half = _sut.OnReading(Value("pcb", Parameter.ParticlesHalfMicron, 400_000, TimeSpan.FromMinutes(5)));
        var five = _sut.OnReading(Value("pcb", Parameter.ParticlesFiveMicron, 10_000, TimeSpan.FromMinutes(5)));

        Assert.True(half.IsEmpty && five.IsEmpty);
        Assert.Empty(_sut.Active);
    }

    [Fact]
    public void OnReading_OneParameterOutOfService_TheOtherIsStillJudged()
    {
        TakeOut("pcb", Parameter.ParticlesHalfMicron, TimeSpan.Zero, TimeSpan.FromHours(2));

        var half = _sut.OnReading(Value("pcb", Parameter.ParticlesHalfMicron, 400_000, TimeSpan.FromMinutes(5)));
        var five = _sut.OnReading(Value("pcb", Parameter.ParticlesFiveMicron, 10_000, TimeSpan.FromMinutes(5)));

        Assert.True(half.IsEmpty);
        Assert.Equal(Parameter.ParticlesFiveMicron, Assert.Single(five.Excursions).After.Parameter);
    }

    [Fact]
    public void OnTick_SilentWhileOutOfService_NoDataGapAndTheGapClockRestartsAtTheReturn()
    {
        // th reports every minute: three minutes of silence is a gap, but not while it is out of service.
        var period = TakeOut("th", null, TimeSpan.Zero, TimeSpan.FromHours(2));
        Assert.DoesNotContain(_sut.OnTick(T0.AddMinutes(30)).Excursions, c => c.After.Sensor == new SensorId("th"));
        Assert.DoesNotContain(_sut.OnSourceEvent(new SourceEvent(SourceEventKind.CommunicationLost, [new SensorId("th")], "unplugged", "modbus", T0.AddMinutes(31))).Excursions,
            c => c.After.Sensor == new SensorId("th"));

        var (returned, outcome) = _sut.ReturnToService(period.Id, "eng", "calibrated, certificate C-99", T0.AddMinutes(40));

        Assert.Equal(T0.AddMinutes(40), returned!.ReturnedAt);
        Assert.Equal("returned-to-service", Assert.Single(outcome.OutOfService).Action);
        Assert.DoesNotContain(_sut.OnTick(T0.AddMinutes(42)).Excursions, c => c.After.Sensor == new SensorId("th"));
        var gap = Assert.Single(_sut.OnTick(T0.AddMinutes(44)).Excursions, c => c.After.Sensor == new SensorId("th"));
        Assert.Equal(ExcursionKind.DataGap, gap.After.Kind);
        Assert.Equal(T0.AddMinutes(40), gap.After.StartedAt);
    }

    [Fact]
    public void TakeOutOfService_WithAnActiveExcursion_ReturnsItWithTheReasonOnRecord()
    {
        var raised = Assert.Single(_sut.OnReading(Value("th", Parameter.Temperature, 26, TimeSpan.FromMinutes(1))).Excursions).After;

        var (_, _, outcome) = _sut.TakeOutOfService(new SensorId("th"), null, T0.AddHours(1), "probe replaced", "eng", T0.AddMinutes(2));

        Assert.Equal("out-of-service", Assert.Single(outcome.OutOfService).Action);
        var returned = Assert.Single(outcome.Excursions);
        Assert.Equal(raised.Id, returned.After.Id);
        Assert.Equal(T0.AddMinutes(2), returned.After.EndedAt);
        Assert.Contains("probe replaced", returned.After.History[^1].Detail, StringComparison.Ordinal);
        Assert.Empty(_sut.Active);
    }

    [Fact]
    public void OnTick_ExpectedEndReached_ReturnsToServiceBySystemAtTheExpectedEndAndJudgingResumes()
    {
        TakeOut("th", null, TimeSpan.Zero, TimeSpan.FromMinutes(30));
        Assert.True(_sut.OnReading(Value("th", Parameter.Temperature, 26, TimeSpan.FromMinutes(29))).IsEmpty);

        var change = Assert.Single(_sut.OnTick(T0.AddMinutes(31)).OutOfService);

        Assert.Equal("system", change.By);
        Assert.Equal(T0.AddMinutes(30), change.After.ReturnedAt);
        Assert.False(_sut.IsOutOfService(new SensorId("th"), null, T0.AddMinutes(31)));
        Assert.Single(_sut.OnReading(Value("th", Parameter.Temperature, 26, TimeSpan.FromMinutes(32))).Excursions);
    }

    [Fact]
    public void TakeOutOfService_InvalidOrTwice_IsRefusedWithoutChange()
    {
        TakeOut("pcb", Parameter.ParticlesHalfMicron, TimeSpan.Zero, TimeSpan.FromHours(1));

        var (_, twice, o1) = _sut.TakeOutOfService(new SensorId("pcb"), null, T0.AddHours(1), "again", "eng", T0);
        var (_, unknown, _) = _sut.TakeOutOfService(new SensorId("nope"), null, T0.AddHours(1), "x", "eng", T0);
        var (_, past, _) = _sut.TakeOutOfService(new SensorId("th"), null, T0.AddMinutes(-1), "x", "eng", T0);
        var (_, wrongParameter, _) = _sut.TakeOutOfService(new SensorId("th"), Parameter.RelativeHumidity, T0.AddHours(1), "x", "eng", T0);
        var (_, noReason, _) = _sut.TakeOutOfService(new SensorId("th"), null, T0.AddHours(1), " ", "eng", T0);

        Assert.True(twice!.IsConflict);
        Assert.True(o1.IsEmpty);
        Assert.All(new[] { unknown, past, wrongParameter, noReason }, p => Assert.False(p!.IsConflict));
        Assert.Single(_sut.OutOfService);
    }

    [Fact]
    public void RestoreOutOfService_AfterARestart_StillNotJudgedAndAnExpiredOneReturnsAtItsExpectedEnd()
    {
        var open = new OutOfServicePeriod(Guid.NewGuid(), new SensorId("pcb"), Cr1, null, T0.AddHours(-1), T0.AddHours(1), "calibration", "eng");
        var expired = new OutOfServicePeriod(Guid.NewGuid(), new SensorId("th"), Cr1, null, T0.AddHours(-2), T0.AddMinutes(-10), "probe swap", "eng");
        _sut.RestoreOutOfService([open, expired]);

        var tick = _sut.OnTick(T0.AddSeconds(1));

        Assert.Equal(expired.Id, Assert.Single(tick.OutOfService).After.Id);
        Assert.Equal(T0.AddMinutes(-10), tick.OutOfService[0].After.ReturnedAt);
        Assert.True(_sut.OnReading(Value("pcb", Parameter.ParticlesHalfMicron, 400_000, TimeSpan.FromMinutes(1))).IsEmpty);
    }
}
