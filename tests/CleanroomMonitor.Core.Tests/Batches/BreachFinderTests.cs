using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Tests.Batches;

public sealed class BreachFinderTests
{
    private const string Json = """
        {
          "site": { "id": "t", "name": "Test site", "timeZone": "UTC" },
          "rooms": [
            { "id": "cr1", "name": "Suite 1", "grade": "B",
              "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } }
          ],
          "sensors": [
            { "id": "th1", "room": "cr1", "parameters": ["temperature"] },
            { "id": "pc1", "room": "cr1", "parameters": ["particles_0_5um"] }
          ]
        }
        """;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Room = new("cr1");
    private static readonly FacilityDefinition Facility = FacilityReader.Parse(Json, "facility.json");
    private static readonly Sensor Th1 = Facility.SensorsIn(Room).Single(s => s.Id.Value == "th1");
    private static readonly Sensor Pc1 = Facility.SensorsIn(Room).Single(s => s.Id.Value == "pc1");

    private static BreachFinder Finder(params RoomStateChange[] changes)
    {
        var timeline = new RoomStateTimeline();
        timeline.Load(changes);
        return new BreachFinder(new LimitBook(Facility), timeline);
    }

    private static StoredSample At(int minute, double value, SampleFaults faults = SampleFaults.None, bool outOfService = false) =>
        new(T0.AddMinutes(minute), value, faults, outOfService);

    [Theory]
    [InlineData(22.99, LimitLevel.Normal)]
    [InlineData(23, LimitLevel.Alert)]
    [InlineData(24.9, LimitLevel.Alert)]
    [InlineData(25, LimitLevel.Action)]
    [InlineData(18, LimitLevel.Alert)]
    [InlineData(16, LimitLevel.Action)]
    [InlineData(18.01, LimitLevel.Normal)]
    public void Level_AtBoundaries_LimitsAreInclusiveOnBothSides(double value, LimitLevel expected) =>
        Assert.Equal(expected, Finder().Level(Th1, Parameter.Temperature, At(0, value)));

    [Fact]
    public void Level_OutOfServiceSample_NotABreach() =>
        Assert.Equal(LimitLevel.Normal, Finder().Level(Th1, Parameter.Temperature, At(0, 30, outOfService: true)));

    [Fact]
    public void Level_FaultedSample_NotABreach() =>
        Assert.Equal(LimitLevel.Normal, Finder().Level(Th1, Parameter.Temperature, At(0, 30, SampleFaults.Flow)));

    [Fact]
    public void Level_DuringNonMonitoringWindow_NotJudged()
    {
        var finder = Finder(new RoomStateChange(Room, RoomState.NotMonitored, T0, "window", "op"), new RoomStateChange(Room, RoomState.AtRest, T0.AddMinutes(10), "end", "op"));

        Assert.Equal(LimitLevel.Normal, finder.Level(Th1, Parameter.Temperature, At(5, 30)));
        Assert.Equal(LimitLevel.Action, finder.Level(Th1, Parameter.Temperature, At(10, 30)));
    }

    [Fact]
    public void Level_ParticlesInGradeB_JudgedAgainstTheRoomStateAtTheSampleTime()
    {
        // Grade B ≥0.5 µm: action 3 520 at rest, 352 000 in operation (Annex 1 Table 5); clean-up keeps in-operation limits.
        var finder = Finder(new RoomStateChange(Room, RoomState.InOperation, T0.AddMinutes(10), "batch", "op"),
            new RoomStateChange(Room, RoomState.CleanUp, T0.AddMinutes(20), "batch ended", "op"));

        Assert.Equal(LimitLevel.Action, finder.Level(Pc1, Parameter.ParticlesHalfMicron, At(9, 10_000)));
        Assert.Equal(LimitLevel.Normal, finder.Level(Pc1, Parameter.ParticlesHalfMicron, At(10, 10_000)));
        Assert.Equal(LimitLevel.Normal, finder.Level(Pc1, Parameter.ParticlesHalfMicron, At(25, 10_000)));
        Assert.Equal(LimitLevel.Action, finder.Level(Pc1, Parameter.ParticlesHalfMicron, At(25, 352_000)));
    }

    [Fact]
    public void Runs_ConsecutiveSamplesPerLevel_GroupedAndSplitByGapsAndLevel()
    {
        var runs = Finder().Runs(Th1, Parameter.Temperature,
            [At(12, 23.5), At(10, 23.5), At(11, 23.6), At(13, 25.5), At(14, 25.2), At(20, 23.1), At(21, 30, outOfService: true), At(22, 23.2)]);

        Assert.Collection(runs,
            r => Assert.Equal((LimitLevel.Alert, T0.AddMinutes(10), T0.AddMinutes(12), 3L), (r.Level, r.First, r.Last, r.Count)),
            r => Assert.Equal((LimitLevel.Action, T0.AddMinutes(13), T0.AddMinutes(14), 2L), (r.Level, r.First, r.Last, r.Count)),
            r => Assert.Equal((LimitLevel.Alert, T0.AddMinutes(20), T0.AddMinutes(20), 1L), (r.Level, r.First, r.Last, r.Count)),
            r => Assert.Equal((LimitLevel.Alert, T0.AddMinutes(22), T0.AddMinutes(22), 1L), (r.Level, r.First, r.Last, r.Count)));
        Assert.All(runs, r => Assert.Equal((Th1.Id, Room, Parameter.Temperature, TimeSpan.FromMinutes(1)), (r.Sensor, r.Room, r.Parameter, r.Interval)));
    }
}
