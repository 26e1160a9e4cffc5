using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Tests.Excursions;

namespace CleanroomMonitor.Core.Tests.Limits;

public sealed class LimitBookTests
{
    private readonly FacilityDefinition _facility = TrackerFacility.Create();
    private readonly LimitBook _sut;

    public LimitBookTests() => _sut = new LimitBook(_facility);

    private Sensor Sensor(string id) => _facility.Sensors.Single(s => s.Id.Value == id);

    [Theory]
    [InlineData("pca", RoomState.AtRest, Parameter.ParticlesHalfMicron, 3_520)]
    [InlineData("pca", RoomState.InOperation, Parameter.ParticlesFiveMicron, 29)]
    [InlineData("pcb", RoomState.AtRest, Parameter.ParticlesFiveMicron, 29)]
    [InlineData("pcb", RoomState.InOperation, Parameter.ParticlesHalfMicron, 352_000)]
    [InlineData("pcb", RoomState.InOperation, Parameter.ParticlesFiveMicron, 2_930)]
    [InlineData("pcb", RoomState.CleanUp, Parameter.ParticlesFiveMicron, 2_930)]
    [InlineData("pcd", RoomState.AtRest, Parameter.ParticlesHalfMicron, 3_520_000)]
    [InlineData("pcd", RoomState.InOperation, Parameter.ParticlesHalfMicron, 3_520_000)]
    public void Resolve_Particles_AnnexOneTableFiveByGradeAndState(string sensor, RoomState state, Parameter parameter, double action) =>
        Assert.Equal(action, _sut.Resolve(Sensor(sensor), parameter, state)!.Action.High);

    [Fact]
    public void Resolve_GradeAFiveMicron_HasTheNoteTwoRulesOn()
    {
        var rules = _sut.Resolve(Sensor("pca"), Parameter.ParticlesFiveMicron, RoomState.InOperation)!.Rules;

        Assert.Equal(new ParticleRules(3, 2, 10, 1000), rules);
        Assert.False(_sut.Resolve(Sensor("pcb"), Parameter.ParticlesFiveMicron, RoomState.InOperation)!.Rules.Any);
    }

    [Fact]
    public void Resolve_GradeDInOperationDeclaredNone_HasNoActionLimit()
    {
        Assert.Null(_sut.Resolve(Sensor("pcd"), Parameter.ParticlesFiveMicron, RoomState.InOperation)?.Action.High);
        Assert.True(_sut.HasExplicitNoActionLimit(Sensor("pcd"), Parameter.ParticlesFiveMicron, RoomState.InOperation));
    }

    [Fact]
    public void Resolve_DifferentialPressure_TenPascalBetweenGradesAndRoomOverridesAdded()
    {
        var airlock = _sut.Resolve(Sensor("aldp"), Parameter.DifferentialPressure, RoomState.AtRest)!;

        Assert.Equal(10, airlock.Action.Low);
        Assert.Equal(12.5, airlock.Alert.Low);
        Assert.Equal(TimeSpan.FromSeconds(30), airlock.Delay);
        Assert.Equal(1, _sut.ExpectedSign(Sensor("dp")));
    }

    [Fact]
    public void Resolve_EquipmentInARoom_TakesOnlyItsOwnLimits()
    {
        var freezer = _sut.Resolve(Sensor("frz"), Parameter.Temperature, RoomState.AtRest)!;

        Assert.Equal(-60, freezer.Action.High);
        Assert.Null(freezer.Action.Low);
    }

    [Fact]
    public void Resolve_NotMonitored_IsNull() =>
        Assert.Null(_sut.Resolve(Sensor("pca"), Parameter.ParticlesHalfMicron, RoomState.NotMonitored));

    [Fact]
    public void Version_ChangesWithAnyValue()
    {
        var set = _sut.Resolve(Sensor("th"), Parameter.Temperature, RoomState.AtRest)!;

        Assert.NotEqual(set.Version, (set with { Alert = new Band(19, 23.5) }).Version);
        Assert.Equal(set.Version, (set with { Source = "elsewhere" }).Version);
    }

    [Theory]
    [InlineData("\"delay\": \"30s\", \"justification\": \"door openings under 30 s\"", "\"delay\": \"30s\"", "$.rooms[1].limits.differential_pressure.justification")]
    [InlineData("\"inOperation\": { \"action\": 3520000 }", "\"inOperation\": { \"alert\": 1 }", "$.sensors[5].limits.particles_0_5um.inOperation.action")]
    [InlineData("\"alert\": { \"low\": 19, \"high\": 23 }", "\"alert\": { \"low\": 19, \"high\": 26 }", "$.rooms[0].limits.temperature.alert.high")]
    [InlineData("\"alert\": { \"low\": 19, \"high\": 23 }", "\"alert\": { \"low\": 19, \"hi\": 23 }", "$.rooms[0].limits.temperature.alert.hi")]
    [InlineData("\"temperature\": { \"action\": { \"high\": -60 } }", "\"co2\": { \"action\": 6 }", "$.sensors[6].limits.co2")]
    [InlineData("\"cleanUpPeriod\": \"20m\"", "\"cleanUpPeriod\": \"forever\"", "$.rooms[0].cleanUpPeriod")]
    public void Parse_BadLimits_NameThePath(string from, string to, string path)
    {
        var ex = Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(TrackerFacility.Json.Replace(from, to, StringComparison.Ordinal), "f.json"));

        Assert.Contains(ex.Errors, e => e.Path == path);
    }
}
