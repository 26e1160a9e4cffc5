using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Core.Tests.Facility;

public sealed class FacilityReaderTests
{
    private const string File = "facility.json";

    private const string Valid = """
        {
          // comments are allowed
          "site": { "id": "site1", "name": "Test site", "timeZone": "Europe/Berlin" },
          "rooms": [
            { "id": "cr1", "name": "Suite 1", "grade": "B", "adjacent": ["al1"],
              "zones": [ { "id": "cr1-bsc", "name": "BSC", "grade": "A" } ] },
            { "id": "al1", "name": "Airlock", "grade": "C", "adjacent": ["cr1", "out"] },
            { "id": "out", "name": "Corridor", "grade": "unclassified", "adjacent": ["al1"] },
          ],
          "sensors": [
            { "id": "pc1", "room": "cr1", "zone": "cr1-bsc", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "1m" },
            { "id": "dp1", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1", "interval": "5s" },
            { "id": "th1", "room": "al1", "parameters": ["temperature", "relative_humidity"], "topic": "custom/th1" }
          ]
        }
        """;

    [Fact]
    public void Parse_ValidFile_BuildsRoomsSensorsAndTopics()
    {
        var facility = FacilityReader.Parse(Valid, File);

        Assert.Equal("site1", facility.Site.Id);
        Assert.Equal(3, facility.Rooms.Count);
        Assert.True(facility.TryGetSensor(new SensorId("pc1"), out var pc));
        Assert.Equal(Grade.A, pc.Grade);
        Assert.Equal("cleanroom/site1/cr1/pc1", pc.Topic);
        Assert.Equal(TimeSpan.FromMinutes(1), pc.Interval);
        Assert.True(facility.TryGetSensorByTopic("custom/th1", out var th));
        Assert.Equal(new SensorId("th1"), th.Id);
        Assert.Equal(new RoomId("al1"), facility.Sensors.Single(s => s.Id.Value == "dp1").ReferenceRoom);
        Assert.Null(facility.Room(new RoomId("out")).Grade);
    }

    [Fact]
    public void Parse_SameText_GivesSameVersion()
    {
        Assert.Equal(FacilityReader.Parse(Valid, File).Version, FacilityReader.Parse(Valid, File).Version);
        Assert.NotEqual(FacilityReader.Parse(Valid, File).Version, FacilityReader.Parse(Valid.Replace("Test site", "Other", StringComparison.Ordinal), File).Version);
    }

    [Fact]
    public void Load_DemoFacility_IsValid()
    {
        var facility = FacilityReader.Load(RepositoryPaths.DemoFacility);

        Assert.Equal(6, facility.Rooms.Count(r => r.Id.Value.StartsWith("cr", StringComparison.Ordinal)));
        Assert.Contains(facility.Sensors, s => s.Grade == Grade.A);
        Assert.Contains(facility.Sensors, s => s.Measures(Parameter.Co2));
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var ex = Assert.Throws<ConfigurationException>(() => FacilityReader.Load("/nonexistent/facility.json"));

        Assert.Equal("/nonexistent/facility.json", Assert.Single(ex.Errors).File);
    }

    public static TheoryData<string, string, string, string?> InvalidFiles() => new()
    {
        // name, replace this, with this, expected path, expected value
        { "malformed json", "\"rooms\": [", "$.rooms", null },
        { "bad grade", "\"grade\": \"C\", \"adjacent\": [\"cr1\"", "$.rooms[1].grade", "E" },
        { "duplicate room", "\"id\": \"al1\", \"name\": \"Airlock\"", "$.rooms[1].id", "cr1" },
        { "unknown sensor room", "\"id\": \"th1\", \"room\": \"al1\"", "$.sensors[2].room", "al9" },
        { "unknown parameter", "\"temperature\", \"relative_humidity\"", "$.sensors[2].parameters[0]", "temprature" },
        { "bad interval", "\"interval\": \"1m\"", "$.sensors[0].interval", "soon" },
        { "unknown time zone", "Europe/Berlin", "$.site.timeZone", "Mars/Olympus" },
        { "zone not in room", "\"zone\": \"cr1-bsc\"", "$.sensors[0].zone", "cr2-bsc" },
        { "zone less strict than room", "\"name\": \"BSC\", \"grade\": \"A\"", "$.rooms[0].zones[0].grade", "C" },
        { "id with capitals", "\"id\": \"pc1\"", "$.sensors[0].id", "PC 1" },
        { "unknown adjacent room", "\"adjacent\": [\"al1\"]", "$.rooms[0].adjacent[0]", "al7" },
        { "dp reference not adjacent", "\"reference\": \"al1\"", "$.sensors[1].reference", "out" },
        { "duplicate topic", "\"topic\": \"custom/th1\"", "$.sensors[2].topic", "cleanroom/site1/cr1/pc1" },
        { "wildcard topic", "\"topic\": \"custom/th1\"", "$.sensors[2].topic", "custom/#" },
        { "duplicate sensor id", "\"id\": \"dp1\"", "$.sensors[1].id", "pc1" },
        { "misspelt key", "\"grade\": \"B\"", "$.rooms[0].grdae", "B" },
        { "wrong json type", "\"interval\": \"5s\"", "$.sensors[1].interval", "5" },
        { "room id the service publishes under", "\"id\": \"out\", \"name\": \"Corridor\"", "$.rooms[2].id", "alerts" },
        { "room id of the service status topic", "\"id\": \"out\", \"name\": \"Corridor\"", "$.rooms[2].id", "status" },
        { "unsupported source", "\"reference\": \"al1\"", "$.sensors[1].source", "opc-ua" },
        { "topic on a modbus sensor", "\"topic\": \"custom/th1\"", "$.sensors[2].topic", "custom/th1" },
    };

    private static readonly Dictionary<string, (string From, string To)> Edits = new()
    {
        ["malformed json"] = ("\"rooms\": [", "\"rooms\": [[,"),
        ["bad grade"] = ("\"grade\": \"C\", \"adjacent\": [\"cr1\"", "\"grade\": \"E\", \"adjacent\": [\"cr1\""),
        ["duplicate room"] = ("\"id\": \"al1\", \"name\": \"Airlock\"", "\"id\": \"cr1\", \"name\": \"Airlock\""),
        ["unknown sensor room"] = ("\"id\": \"th1\", \"room\": \"al1\"", "\"id\": \"th1\", \"room\": \"al9\""),
        ["unknown parameter"] = ("\"temperature\", \"relative_humidity\"", "\"temprature\", \"relative_humidity\""),
        ["bad interval"] = ("\"interval\": \"1m\"", "\"interval\": \"soon\""),
        ["unknown time zone"] = ("Europe/Berlin", "Mars/Olympus"),
        ["zone not in room"] = ("\"zone\": \"cr1-bsc\"", "\"zone\": \"cr2-bsc\""),
        ["zone less strict than room"] = ("\"name\": \"BSC\", \"grade\": \"A\"", "\"name\": \"BSC\", \"grade\": \"C\""),
        ["id with capitals"] = ("\"id\": \"pc1\"", "\"id\": \"PC 1\""),
        ["unknown adjacent room"] = ("\"adjacent\": [\"al1\"]", "\"adjacent\": [\"al7\"]"),
        ["dp reference not adjacent"] = ("\"reference\": \"al1\"", "\"reference\": \"out\""),
        ["duplicate topic"] = ("\"topic\": \"custom/th1\"", "\"topic\": \"cleanroom/site1/cr1/pc1\""),
        ["wildcard topic"] = ("\"topic\": \"custom/th1\"", "\"topic\": \"custom/#\""),
        ["duplicate sensor id"] = ("\"id\": \"dp1\"", "\"id\": \"pc1\""),
        ["misspelt key"] = ("\"grade\": \"B\"", "\"grdae\": \"B\""),
        ["wrong json type"] = ("\"interval\": \"5s\"", "\"interval\": 5"),
        ["room id the service publishes under"] = ("\"id\": \"out\", \"name\": \"Corridor\"", "\"id\": \"alerts\", \"name\": \"Corridor\""),
        ["room id of the service status topic"] = ("\"id\": \"out\", \"name\": \"Corridor\"", "\"id\": \"status\", \"name\": \"Corridor\""),
        ["unsupported source"] = ("\"reference\": \"al1\"", "\"reference\": \"al1\", \"source\": \"opc-ua\""),
        ["topic on a modbus sensor"] = ("\"topic\": \"custom/th1\"", "\"topic\": \"custom/th1\", \"source\": \"modbus\""),
    };

    [Fact]
    public void Parse_MisspeltKey_ExpectedListsTheKeysTheModelKnows()
    {
        var text = Valid.Replace("\"grade\": \"B\"", "\"grdae\": \"B\"", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(text, File)).Errors);

        Assert.StartsWith("a known key: ", error.Expected, StringComparison.Ordinal);
        Assert.Contains("grade", error.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Parse_InvalidFile_NamesFilePathAndValue(string name, string from, string path, string? value)
    {
        Assert.Equal(Edits[name].From, from);
        var text = Valid.Replace(from, Edits[name].To, StringComparison.Ordinal);
        Assert.NotEqual(Valid, text);

        var ex = Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(text, File));

        var error = Assert.Single(ex.Errors, e => e.Path.StartsWith(path, StringComparison.Ordinal));
        Assert.Equal(File, error.File);
        Assert.Equal(value, error.Value);
        Assert.Contains(File, ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllInOnePass()
    {
        var text = Valid.Replace("Europe/Berlin", "Nowhere", StringComparison.Ordinal)
            .Replace("\"interval\": \"1m\"", "\"interval\": \"-1s\"", StringComparison.Ordinal)
            .Replace("\"grade\": \"B\"", "\"grade\": \"Z\"", StringComparison.Ordinal);

        var ex = Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(text, File));

        Assert.Contains(ex.Errors, e => e.Path == "$.site.timeZone");
        Assert.Contains(ex.Errors, e => e.Path == "$.sensors[0].interval");
        Assert.Contains(ex.Errors, e => e.Path == "$.rooms[0].grade");
    }

    [Fact]
    public void Parse_NoSensors_IsAnError()
    {
        var text = """{ "site": { "id": "s", "name": "S", "timeZone": "UTC" }, "rooms": [ { "id": "r", "name": "R", "grade": "D" } ], "sensors": [] }""";

        var ex = Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(text, File));

        Assert.Equal("$.sensors", Assert.Single(ex.Errors).Path);
    }
}
