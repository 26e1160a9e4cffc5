using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Tests.Facility;

public sealed class PressureCascadeTests
{
    private static FacilityDefinition Facility(string dpLimits = "") => FacilityReader.Parse($$"""
        {
          "site": { "id": "site1", "name": "Test site", "timeZone": "UTC" },
          "rooms": [
            { "id": "cr1", "name": "Suite 1", "grade": "B", "adjacent": ["al1"] },
            { "id": "al1", "name": "Airlock", "grade": "C", "adjacent": ["cr1", "cd"] },
            { "id": "cd", "name": "Corridor", "grade": "D", "adjacent": ["al1", "cd2"] },
            { "id": "cd2", "name": "Corridor 2", "grade": "D", "adjacent": ["cd"] }
          ],
          "sensors": [
            { "id": "cr1-dp", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1" },
            { "id": "cd-dp", "room": "cd", "parameters": ["differential_pressure"], "reference": "al1" },
            { "id": "cd2-dp", "room": "cd2", "parameters": ["differential_pressure"], "reference": "cd"{{dpLimits}} },
            { "id": "th1", "room": "cr1", "parameters": ["temperature"] }
          ]
        }
        """, "facility.json");

    [Fact]
    public void Links_CleanerRoomMeasuredAgainstDirtier_PointsFromTheSensorsRoom()
    {
        var link = PressureCascade.Links(Facility()).Single(l => l.Sensor.Value == "cr1-dp");

        Assert.Equal(new CascadeLink(new SensorId("cr1-dp"), new RoomId("cr1"), new RoomId("al1"), 1), link);
        Assert.Equal(15, link.AlongCascade(15));
    }

    [Fact]
    public void Links_DirtierRoomMeasuredAgainstCleaner_PointsToTheSensorsRoomAndTurnsTheValue()
    {
        var link = PressureCascade.Links(Facility()).Single(l => l.Sensor.Value == "cd-dp");

        Assert.Equal((new RoomId("al1"), new RoomId("cd"), -1), (link.Higher, link.Lower, link.Sign));
        Assert.Equal(12, link.AlongCascade(-12));
        Assert.Equal(-3, link.AlongCascade(3));   // reversed: the corridor above the airlock
    }

    [Fact]
    public void Links_SameGradeWithoutSign_HasNoDesignedDirection()
    {
        var link = PressureCascade.Links(Facility()).Single(l => l.Sensor.Value == "cd2-dp");

        Assert.False(link.HasDesignedDirection);
        Assert.Equal(4, link.AlongCascade(4));
    }

    [Fact]
    public void Links_SameGradeWithConfiguredNegativeSign_PointsFromTheReference()
    {
        var link = PressureCascade.Links(Facility(""", "limits": { "differential_pressure": { "sign": "negative" } }""")).Single(l => l.Sensor.Value == "cd2-dp");

        Assert.Equal((new RoomId("cd"), new RoomId("cd2")), (link.Higher, link.Lower));
    }

    [Fact]
    public void Links_OnlyDifferentialPressureSensors()
    {
        Assert.Equal(["cr1-dp", "cd-dp", "cd2-dp"], PressureCascade.Links(Facility()).Select(l => l.Sensor.Value));
    }
}
