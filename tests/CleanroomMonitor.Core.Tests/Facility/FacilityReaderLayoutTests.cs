using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Tests.Facility;

/// <summary>The optional floor-plan layout of each room, and the pressure cascade drawn between laid-out rooms.</summary>
public sealed class FacilityReaderLayoutTests
{
    private const string File = "facility.json";

    // A suite behind an airlock off a corridor; the store has no layout.
    private const string Plan = """
        {
          "site": { "id": "site1", "name": "Test site", "timeZone": "UTC" },
          "rooms": [
            { "id": "cr1", "name": "Suite 1", "grade": "B", "adjacent": ["al1"], "layout": { "x": 0, "y": 0, "width": 4, "height": 3 } },
            { "id": "al1", "name": "Airlock", "grade": "C", "adjacent": ["cr1", "cd"], "layout": { "x": 4, "y": 1, "width": 2, "height": 2 } },
            { "id": "cd", "name": "Corridor", "grade": "D", "adjacent": ["al1"], "layout": { "x": 0, "y": 3, "width": 8, "height": 1 } },
            { "id": "store", "name": "Store", "grade": "unclassified" }
          ],
          "sensors": [
            { "id": "cr1-dp", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1" },
            { "id": "al1-dp", "room": "al1", "parameters": ["differential_pressure"], "reference": "cd" }
          ]
        }
        """;

    [Fact]
    public void Parse_RoomsWithLayouts_KeepsTheRectanglesAndLeavesOthersWithout()
    {
        var facility = FacilityReader.Parse(Plan, File);

        Assert.Equal(new RoomLayout(0, 0, 4, 3), facility.Room(new RoomId("cr1")).Layout);
        Assert.Equal(new RoomLayout(0, 3, 8, 1), facility.Room(new RoomId("cd")).Layout);
        Assert.Null(facility.Room(new RoomId("store")).Layout);
    }

    [Fact]
    public void Parse_SamePlaceOnAnotherFloor_IsNoOverlap()
    {
        var text = Plan.Replace("""{ "x": 4, "y": 1, "width": 2, "height": 2 }""", """{ "x": 0, "y": 0, "width": 2, "height": 2, "floor": "1" }""", StringComparison.Ordinal);

        var facility = FacilityReader.Parse(text, File);

        Assert.Equal("1", facility.Room(new RoomId("al1")).Layout!.Floor);
    }

    [Fact]
    public void Parse_OverlappingRooms_NamesTheLaterRoomAndTheOneItCovers()
    {
        var text = Plan.Replace("\"x\": 4, \"y\": 1", "\"x\": 3, \"y\": 1", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(text, File)).Errors);

        Assert.Equal(File, error.File);
        Assert.Equal("$.rooms[1].layout", error.Path);
        Assert.Equal("x 3, y 1, 2×2", error.Value);
        Assert.Contains("not overlapping room 'cr1'", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RoomsSharingAWall_AreValid()
    {
        var facility = FacilityReader.Parse(Plan, File);

        Assert.False(facility.Room(new RoomId("cr1")).Layout!.Overlaps(facility.Room(new RoomId("al1")).Layout!));
    }

    [Theory]
    [InlineData("\"width\": 4", "\"width\": -4", "$.rooms[0].layout.width", "-4")]
    [InlineData("\"width\": 4", "\"width\": 0", "$.rooms[0].layout.width", "0")]
    [InlineData("\"height\": 3", "\"height\": 201", "$.rooms[0].layout.height", "201")]
    [InlineData("{ \"x\": 0, \"y\": 0, \"width\": 4", "{ \"x\": -1, \"y\": 0, \"width\": 4", "$.rooms[0].layout.x", "-1")]
    [InlineData("{ \"x\": 0, \"y\": 0, \"width\": 4", "{ \"y\": 0, \"width\": 4", "$.rooms[0].layout.x", null)]
    [InlineData("\"height\": 3 }", "\"height\": 3, \"floor\": \" \" }", "$.rooms[0].layout.floor", " ")]
    public void Parse_BadLayoutValue_NamesFilePathAndValue(string from, string to, string path, string? value)
    {
        var text = Plan.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Plan, text);

        var ex = Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(text, File));

        var error = Assert.Single(ex.Errors);
        Assert.Equal((File, path, value), (error.File, error.Path, error.Value));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LayoutWithUnknownKey_IsAnError()
    {
        var text = Plan.Replace("\"height\": 3 }", "\"height\": 3, \"depth\": 2 }", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(text, File)).Errors);

        Assert.StartsWith("$.rooms[0].layout", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CascadeToAnUnknownRoom_NamesTheAdjacentEntry()
    {
        var text = Plan.Replace("\"adjacent\": [\"cr1\", \"cd\"]", "\"adjacent\": [\"cr1\", \"cd9\"]", StringComparison.Ordinal);

        var ex = Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(text, File));

        Assert.Contains(ex.Errors, e => e.Path == "$.rooms[1].adjacent[1]" && e.Value == "cd9");
        Assert.Contains(ex.Errors, e => e.Path == "$.sensors[1].reference" && e.Value == "cd");
    }
}
