using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Excursions;

/// <summary>The ≥5.0 µm rules (K in a row, N of M, cumulative volume) judge only samples taken where Table 5 note 2
/// applies them: in grade B at rest, not in operation, clean-up or a non-monitoring window. Such a stretch neither feeds
/// the rules' memory nor is bridged by it: the first at-rest samples after it start afresh (docs/excursions.md
/// "Particle rules and room states"). Each grade B room has one sensor with one default rule left on, and a 1 h delay
/// (justified) so the per-sample comparison stays quiet and only the rule under test can raise.</summary>
public sealed class ParticleRulesRoomStateTests
{
    private const string Json = """
        {
          "site": { "id": "s", "name": "S", "timeZone": "UTC" },
          "rooms": [
            { "id": "rk", "name": "K room", "grade": "B", "cleanUpPeriod": "20m" },
            { "id": "rn", "name": "N room", "grade": "B", "cleanUpPeriod": "20m" },
            { "id": "rv", "name": "V room", "grade": "B", "cleanUpPeriod": "20m" },
            { "id": "ra", "name": "A room", "grade": "A", "cleanUpPeriod": "20m" }
          ],
          "sensors": [
            { "id": "pk", "room": "rk", "parameters": ["particles_5_0um"], "interval": "1m",
              "limits": { "particles_5_0um": { "occurrences": { "n": 0, "m": 10 }, "cumulativeLitres": 0, "delay": "1h", "justification": "rule tests" } } },
            { "id": "pn", "room": "rn", "parameters": ["particles_5_0um"], "interval": "1m",
              "limits": { "particles_5_0um": { "consecutive": 0, "cumulativeLitres": 0, "delay": "1h", "justification": "rule tests" } } },
            { "id": "pv", "room": "rv", "parameters": ["particles_5_0um"], "interval": "1m",
              "limits": { "particles_5_0um": { "consecutive": 0, "occurrences": { "n": 0, "m": 10 }, "delay": "1h", "justification": "rule tests" } } },
            { "id": "pa", "room": "ra", "parameters": ["particles_5_0um"], "interval": "1m",
              "limits": { "particles_5_0um": { "occurrences": { "n": 0, "m": 10 }, "cumulativeLitres": 0, "delay": "1h", "justification": "rule tests" } } }
          ]
        }
        """;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly FacilityDefinition Facility = FacilityReader.Parse(Json, "rules-by-state.json");
    private readonly ExcursionTracker _sut = new(Facility, T0);

    private static Reading Sample(string sensor, int minute, long count, double litres)
    {
        var room = new RoomId("r" + sensor[1..]);
        return new(new SensorId(sensor), room, Parameter.ParticlesFiveMicron, count * 1000 / litres, T0.AddMinutes(minute), TimeSource.Device,
            T0.AddMinutes(minute), Count: count, VolumeLitres: litres);
    }

    /// <summary>One particle in 283 L: 3.5/m³, far below the at-rest action limit, but a count for the K rule.</summary>
    private static Reading Speck(string sensor, int minute) => Sample(sensor, minute, 1, 283);

    /// <summary>One particle in 28.3 L: 35/m³, at or above the grade B at-rest action limit (29), below the in-operation one (2 930).</summary>
    private static Reading AlertSample(string sensor, int minute) => Sample(sensor, minute, 1, 28.3);

    /// <summary>A batch in the room from <paramref name="from"/> to <paramref name="to"/> (then clean-up), with
    /// <paramref name="during"/> judged in operation, and a clean sample at <paramref name="to"/> + 1 min that recovers
    /// the room to at rest.</summary>
    private static void OperationStretch(ExcursionTracker tracker, string sensor, int from, int to, Func<int, Reading> during)
    {
        var room = "r" + sensor[1..];
        var number = $"B-{sensor}-{from}";
        var (_, problem, _) = tracker.StartBatch(new BatchStart(number, "CAR-T", "helix", [room], "open", T0.AddMinutes(from), "mes"), T0.AddMinutes(from));
        Assert.Null(problem);
        for (var minute = from + 1; minute < to; minute++)
        {
            Assert.Empty(tracker.OnReading(during(minute)).Excursions);
            Assert.Equal(RoomState.InOperation, tracker.Rooms.StateAt(new RoomId(room), T0.AddMinutes(minute)));
        }
        tracker.EndBatch(new BatchEnd(number, T0.AddMinutes(to), "mes"), T0.AddMinutes(to));
        Assert.Equal(RoomState.CleanUp, tracker.Rooms.Current(new RoomId(room)));
        Assert.Empty(tracker.OnReading(Sample(sensor, to + 1, 0, 28.3)).Excursions);
        Assert.Equal(RoomState.AtRest, tracker.Rooms.Current(new RoomId(room)));
    }

    [Fact]
    public void OnReading_ConsecutiveCountsBeforeAnOperationStretch_NotBridgedToTheSamplesAfterIt()
    {
        Assert.Empty(_sut.OnReading(Speck("pk", 0)).Excursions);
        Assert.Empty(_sut.OnReading(Speck("pk", 1)).Excursions);
        OperationStretch(_sut, "pk", 2, 5, m => Speck("pk", m));

        // Two at-rest counts before the batch and one after are not three in a row.
        Assert.Empty(_sut.OnReading(Speck("pk", 7)).Excursions);
        Assert.Empty(_sut.OnReading(Speck("pk", 8)).Excursions);
        var raised = Assert.Single(_sut.OnReading(Speck("pk", 9)).Excursions).After;
        Assert.Contains("3 consecutive", raised.Rule, StringComparison.Ordinal);
        Assert.Equal(RoomState.AtRest, raised.State);
        Assert.Equal(T0.AddMinutes(9), raised.StartedAt);
    }

    [Fact]
    public void OnReading_AlertSampleBeforeAnOperationStretch_NotCountedWithTheOneAfterIt()
    {
        Assert.Empty(_sut.OnReading(AlertSample("pn", 0)).Excursions);
        Assert.Empty(_sut.OnReading(Sample("pn", 1, 0, 28.3)).Excursions);
        OperationStretch(_sut, "pn", 2, 6, m => AlertSample("pn", m));

        // In the last 10 samples judged there are 2 at-rest alerts only if the one before the batch is kept.
        Assert.Empty(_sut.OnReading(AlertSample("pn", 8)).Excursions);
        var raised = Assert.Single(_sut.OnReading(AlertSample("pn", 9)).Excursions).After;
        Assert.Contains("2 of the last 10", raised.Rule, StringComparison.Ordinal);
        Assert.Equal(T0.AddMinutes(9), raised.StartedAt);
    }

    [Fact]
    public void OnReading_VolumeSampledBeforeAnOperationStretch_NotAddedToTheVolumeAfterIt()
    {
        // 10 particles in 283 L is 35/m³, above the action limit (29): three such samples are 849 L, short of 1 000 L.
        for (var minute = 0; minute < 3; minute++)
        {
            Assert.Empty(_sut.OnReading(Sample("pv", minute, 10, 283)).Excursions);
        }
        OperationStretch(_sut, "pv", 3, 6, m => Sample("pv", m, 10, 283));

        // Only at-rest litres count: 1 000 L are sampled again by the fourth sample after the stretch, not the first.
        for (var minute = 8; minute < 11; minute++)
        {
            Assert.Empty(_sut.OnReading(Sample("pv", minute, 10, 283)).Excursions);
        }
        var raised = Assert.Single(_sut.OnReading(Sample("pv", 11, 10, 283)).Excursions).After;
        Assert.Contains("cumulative", raised.Rule, StringComparison.Ordinal);
        Assert.Contains("1132 L", raised.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void OnReading_CountsDuringOperation_DoNotFeedTheAtRestRules()
    {
        // Many in-operation counts just before the return: none of them is at rest, so the first at-rest count is the first.
        OperationStretch(_sut, "pk", 0, 10, m => Speck("pk", m));

        Assert.Empty(_sut.OnReading(Speck("pk", 12)).Excursions);
        Assert.Empty(_sut.OnReading(Speck("pk", 13)).Excursions);
        Assert.Single(_sut.OnReading(Speck("pk", 14)).Excursions);
    }

    [Fact]
    public void OnReading_NonMonitoringWindowBetweenAtRestCounts_StartsTheRulesAfresh()
    {
        Assert.Empty(_sut.OnReading(Speck("pk", 0)).Excursions);
        Assert.Empty(_sut.OnReading(Speck("pk", 1)).Excursions);
        var window = new RoomWindow(Guid.NewGuid(), new RoomId("rk"), RoomWindowKind.NonMonitoring, T0.AddMinutes(2), T0.AddMinutes(5), "smoke study", "qa");
        _sut.DeclareWindow(window, T0.AddMinutes(2));
        Assert.Empty(_sut.OnReading(Speck("pk", 3)).Excursions);
        _sut.OnTick(T0.AddMinutes(5));
        Assert.Equal(RoomState.AtRest, _sut.Rooms.Current(new RoomId("rk")));

        Assert.Empty(_sut.OnReading(Speck("pk", 6)).Excursions);
        Assert.Empty(_sut.OnReading(Speck("pk", 7)).Excursions);
        Assert.Single(_sut.OnReading(Speck("pk", 8)).Excursions);
    }

    [Fact]
    public void OnReading_GradeAAcrossAnOperationStretch_RulesGoOnCounting()
    {
        // Note 2 applies to grade A in both states: its rules never stop, so a batch start is no reset.
        Assert.Empty(_sut.OnReading(Speck("pa", 0)).Excursions);
        Assert.Empty(_sut.OnReading(Speck("pa", 1)).Excursions);
        var (_, problem, _) = _sut.StartBatch(new BatchStart("B-A", "CAR-T", "helix", ["ra"], "open", T0.AddMinutes(2), "mes"), T0.AddMinutes(2));
        Assert.Null(problem);

        var raised = Assert.Single(_sut.OnReading(Speck("pa", 3)).Excursions).After;
        Assert.Contains("3 consecutive", raised.Rule, StringComparison.Ordinal);
        Assert.Equal(RoomState.InOperation, raised.State);
    }

    [Fact]
    public void RestoreRuleState_SnapshotAfterAnOperationStretch_RestartedRulesStartAfreshToo()
    {
        Assert.Empty(_sut.OnReading(Speck("pk", 0)).Excursions);
        Assert.Empty(_sut.OnReading(Speck("pk", 1)).Excursions);
        OperationStretch(_sut, "pk", 2, 5, m => Speck("pk", m));
        var snapshot = _sut.CaptureRuleState(T0.AddMinutes(6));

        var restarted = new ExcursionTracker(Facility, T0.AddMinutes(6));
        Assert.Equal(1, restarted.RestoreRuleState(snapshot));
        restarted.Restore([], [], []);

        Assert.Empty(restarted.OnReading(Speck("pk", 7)).Excursions);
        Assert.Empty(restarted.OnReading(Speck("pk", 8)).Excursions);
        Assert.Single(restarted.OnReading(Speck("pk", 9)).Excursions);
    }

    [Fact]
    public void RestoreRuleState_SnapshotBeforeAnyStretch_AtRestCountsCarryAcrossTheRestart()
    {
        // The reset is for a stretch where the rules do not apply, not for a restart: at rest, memory survives it.
        Assert.Empty(_sut.OnReading(Speck("pk", 0)).Excursions);
        Assert.Empty(_sut.OnReading(Speck("pk", 1)).Excursions);
        var snapshot = _sut.CaptureRuleState(T0.AddMinutes(1));

        var restarted = new ExcursionTracker(Facility, T0.AddMinutes(2));
        restarted.RestoreRuleState(snapshot);
        restarted.Restore([], [], []);

        Assert.Contains("3 consecutive", Assert.Single(restarted.OnReading(Speck("pk", 2)).Excursions).After.Rule, StringComparison.Ordinal);
    }
}
