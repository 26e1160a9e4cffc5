using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Pages.FloorPlans;

namespace CleanroomMonitor.Service.Tests.Pages.FloorPlans;

public sealed class FloorPlanViewTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly FacilityDefinition Facility = FacilityReader.Parse("""
        {
          "site": { "id": "site1", "name": "Test site", "timeZone": "UTC" },
          "rooms": [
            { "id": "cr1", "name": "Suite 1 - autologous CAR-T", "grade": "B", "adjacent": ["al1"], "layout": { "x": 0, "y": 0, "width": 4, "height": 3 } },
            { "id": "al1", "name": "Airlock", "grade": "C", "adjacent": ["cr1", "cd"], "layout": { "x": 4, "y": 1, "width": 3, "height": 2 } },
            { "id": "cd", "name": "Corridor", "grade": "D", "adjacent": ["al1"], "layout": { "x": 0, "y": 3, "width": 7, "height": 1 } },
            { "id": "store", "name": "Store", "grade": "unclassified" }
          ],
          "sensors": [
            { "id": "cr1-pc", "room": "cr1", "parameters": ["particles_0_5um"] },
            { "id": "cr1-dp", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1" },
            { "id": "cr1-inc", "room": "cr1", "parameters": ["temperature"], "equipment": "incubator" },
            { "id": "cr1-th", "room": "cr1", "parameters": ["temperature"] },
            { "id": "cd-dp", "room": "cd", "parameters": ["differential_pressure"], "reference": "al1" }
          ]
        }
        """, "facility.json");

    private static ParameterTile Tile(string sensor, string parameter, double? value, string text, string unit, string level = "normal") =>
        new($"{sensor}/{parameter}", sensor, parameter, parameter, unit, value, text, level, LiveBoard.LevelText(level), "", 1, false);

    private static RoomTile Room(string id, string name, string grade, string level, params ParameterTile[] parameters) =>
        new(id, name, grade, "at rest", null, [], 0, level == "normal" ? 0 : 1, level, parameters);

    private static readonly RoomTile Suite = Room("cr1", "Suite 1 - autologous CAR-T", "B", "action",
        Tile("cr1-pc", "particles_0_5um", 1234, "1 234", "/m³"),
        Tile("cr1-dp", "differential_pressure", 15.2, "15.2", "Pa"),
        Tile("cr1-inc", "temperature", 37, "37.0", "°C"),
        Tile("cr1-th", "temperature", 26, "26.0", "°C", "action"));

    private static readonly RoomTile Airlock = Room("al1", "Airlock", "C", "normal");

    private static readonly RoomTile Corridor = Room("cd", "Corridor", "D", "normal", Tile("cd-dp", "differential_pressure", -12.5, "-12.5", "Pa"));

    private static readonly RoomTile Store = Room("store", "Store", "unclassified", "normal");

    private static FloorPlanView Build(params RoomTile[] visible) =>
        FloorPlanView.Build(Facility, new LiveSnapshot(At, visible), PressureCascade.Links(Facility));

    [Fact]
    public void Build_FacilityStaff_DrawsEveryLaidOutRoomAndListsTheRest()
    {
        var view = Build(Suite, Airlock, Corridor, Store);

        var floor = Assert.Single(view.Floors);
        Assert.Equal(["cr1", "al1", "cd"], floor.Zones.Select(z => z.Room));
        Assert.Empty(floor.Others);
        Assert.Equal(["store"], view.Unplaced.Select(r => r.Id));
        Assert.Equal(PlanGeometry.Canvas(7, 4), (floor.Width, floor.Height));
    }

    [Fact]
    public void Build_RoomInAction_ZoneSaysItInWordsAndInItsAccessibleName()
    {
        var zone = Build(Suite, Airlock, Corridor, Store).Floors[0].Zones[0];

        Assert.Equal("action", zone.Level);
        Assert.Equal("Suite 1 - autologous CAR-T, Grade B, at rest, action excursion", zone.AccessibleName);
        Assert.Contains(zone.Lines, l => l.Field == "level" && l.Text == "✖ ACTION");
        Assert.Equal("Suite 1 - autologous…", zone.Lines[0].Text);   // 4 cells: 21 characters
    }

    [Fact]
    public void Build_KeyValues_ParticlesPressureAndRoomAirTemperatureNotTheIncubator()
    {
        var zone = Build(Suite, Airlock, Corridor, Store).Floors[0].Zones[0];

        var values = zone.Lines.Where(l => l.Key is not null).ToList();
        Assert.Equal(["cr1-pc/particles_0_5um", "cr1-dp/differential_pressure", "cr1-th/temperature"], values.Select(v => v.Key));
        Assert.Equal("T 26.0 °C · action", values[2].Text);
        Assert.Equal("value action", values[2].Field);
    }

    [Fact]
    public void Build_SmallRoom_KeepsOnlyTheLinesThatFit()
    {
        var corridor = Build(Suite, Airlock, Corridor, Store).Floors[0].Zones[2];

        Assert.Equal(PlanGeometry.LinesThatFit(corridor.Rect), corridor.Lines.Count);
        Assert.Equal("name", corridor.Lines[0].Field);
    }

    [Fact]
    public void Build_Cascade_ArrowsFromHigherToLowerLabelledAlongTheArrow()
    {
        var links = Build(Suite, Airlock, Corridor, Store).Floors[0].Links;

        var suite = Assert.Single(links, l => l.Key == "cr1-dp/differential_pressure");
        Assert.Equal((1, "15.2 Pa"), (suite.Sign, suite.Text));
        Assert.True(suite.Arrow.X2 > suite.Arrow.X1, "suite (left) to airlock (right)");
        var corridor = Assert.Single(links, l => l.Key == "cd-dp/differential_pressure");
        Assert.Equal((-1, "12.5 Pa"), (corridor.Sign, corridor.Text));   // the corridor's sensor reads −12.5 against the airlock above it
        Assert.True(corridor.Arrow.Y2 > corridor.Arrow.Y1, "airlock (above) down to the corridor");
        Assert.Contains("Airlock to Corridor", corridor.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TenantWithOneRoom_OthersAreUnnamedOutlinesAndTheirSensorsDrawNoArrow()
    {
        var view = Build(Suite);

        var floor = Assert.Single(view.Floors);
        Assert.Equal(["cr1"], floor.Zones.Select(z => z.Room));
        Assert.Equal([PlanGeometry.Rect(new RoomLayout(4, 1, 3, 2)), PlanGeometry.Rect(new RoomLayout(0, 3, 7, 1))], floor.Others);
        var link = Assert.Single(floor.Links);
        Assert.Equal("cr1-dp/differential_pressure", link.Key);
        Assert.DoesNotContain("Airlock", link.Title, StringComparison.Ordinal);
        Assert.Empty(view.Unplaced);
    }

    [Fact]
    public void PressureText_ReversedCascade_ReadsNegativeWithItsLevel()
    {
        var link = PressureCascade.Links(Facility).Single(l => l.Sensor.Value == "cr1-dp");

        Assert.Equal("-3.0 Pa · action", FloorPlanView.PressureText(link, Tile("cr1-dp", "differential_pressure", -3, "-3.0", "Pa", "action")));
        Assert.Equal("no data", FloorPlanView.PressureText(link, Tile("cr1-dp", "differential_pressure", null, "—", "Pa", "nodata")));
    }
}
