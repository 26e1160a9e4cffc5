using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Tests.Profiles;

public sealed class ProfileReaderTests
{
    private const string File = "/profiles/base.json";

    private const string Base = """
        {
          "$schema": "cleanroom-device-profile/1",
          "id": "base",
          "points": [
            { "id": "command", "table": "holding", "address": 0, "type": "uint16", "access": "rw" },
            { "id": "status", "table": "holding", "address": 1, "type": "uint16", "bits": { "running": 0, "newData": 1, "laser": 2 }, "faults": { "laser": "laser" } },
            { "id": "count", "table": "holding", "address": 2, "type": "int16" },
            { "id": "index", "table": "holding", "address": 3, "type": "int16", "access": "rw" },
            { "id": "flow", "table": "holding", "address": 4, "type": "uint16", "scale": 0.01, "unit": "ft3/min" },
            { "id": "time", "table": "input", "address": 0, "type": "int32" },
            { "id": "seconds", "table": "input", "address": 2, "type": "uint32", "unit": "s" },
            { "id": "small", "table": "input", "address": 4, "type": "uint32", "parameter": "particles_0_5um", "validIf": { "point": "mask", "bit": 0 } },
            { "id": "large", "table": "input", "address": 6, "type": "uint32", "parameter": "particles_5_0um" },
            { "id": "mask", "table": "input", "address": 8, "type": "uint16" }
          ],
          "reads": [ { "name": "head", "table": "holding", "address": 0, "count": 5 }, { "name": "record", "table": "input", "address": 0, "count": 9 } ],
          "commands": { "start": [ { "point": "command", "value": 11 } ] },
          "init": ["start"],
          "sampling": { "mode": "records", "head": "head", "record": "record", "recordCount": "count", "recordIndex": "index",
                        "newData": { "point": "status", "bit": "newData" }, "timestamp": "time" },
          "volume": { "flow": "flow", "sampleSeconds": "seconds" },
          "simulator": { "running": { "point": "status", "bit": "running" } }
        }
        """;

    [Fact]
    public void Parse_ValidRecordsProfile_BuildsEverything()
    {
        var profile = ProfileReader.Parse(Base, File);

        Assert.Equal("base", profile.Id);
        Assert.Equal([Parameter.ParticlesHalfMicron, Parameter.ParticlesFiveMicron], profile.Parameters);
        Assert.Equal(SamplingMode.Records, profile.Sampling.Mode);
        Assert.Equal(-1, profile.Sampling.LatestIndex);
        Assert.Equal(new BitReference("status", 1), profile.Sampling.NewData);
        Assert.Equal(new CommandWrite("command", 11), Assert.Single(profile.Commands["start"]));
        Assert.Equal(Core.Readings.SampleFaults.Laser, profile.Point("status").FaultBits[2]);
        Assert.Equal(ByteOrder.Abcd, profile.Point("time").Order);
        Assert.Equal(5, profile.TableSize(RegisterTable.Holding));
    }

    [Fact]
    public void LoadFolder_ShippedProfiles_AllValidWithTheFourKinds()
    {
        var profiles = ProfileReader.LoadFolder(GoldenCase.ShippedProfiles);

        Assert.Contains(profiles.Values, p => p.Parameters.Contains(Parameter.ParticlesFiveMicron) && p.Sampling.Mode == SamplingMode.Records);
        Assert.Contains(profiles.Values, p => p.Parameters.Contains(Parameter.RelativeHumidity) && p.Points.Any(x => x.Type == PointType.Float32 && x.Order == ByteOrder.Cdab));
        Assert.Contains(profiles.Values, p => p.Parameters.SequenceEqual([Parameter.DifferentialPressure]));
        Assert.Contains(profiles.Values, p => p.Parameters.Contains(Parameter.Co2));
    }

    [Fact]
    public void LoadFolder_MissingFolder_NamesIt()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ProfileReader.LoadFolder("/nonexistent/profiles"));

        Assert.Contains("/nonexistent/profiles", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "bad id", """{"id":"Base Profile"}""", "$.id = 'Base Profile'" },
        { "id not file name", """{"id":"other"}""", "$.id = 'other': expected the file name" },
        { "unknown table", """{"points":{"0":{"table":"coil"}}}""", "$.points[0].table = 'coil'" },
        { "unknown type", """{"points":{"0":{"type":"int64"}}}""", "$.points[0].type = 'int64'" },
        { "negative address", """{"points":{"0":{"address":-1}}}""", "$.points[0].address = '-1'" },
        { "32-bit at the last register", """{"points":{"5":{"address":65535}}}""", "$.points[5].address = '65535': expected a PDU address 0-65534" },
        { "overlapping registers", """{"points":{"6":{"address":1}}}""", "$.points[6].address = '1': expected registers not used by another point ('time' at input 0 overlaps)" },
        { "wide order on 16 bits", """{"points":{"2":{"order":"CDAB"}}}""", "$.points[2].order = 'CDAB': expected AB or BA" },
        { "unknown order", """{"points":{"5":{"order":"ACBD"}}}""", "$.points[5].order = 'ACBD'" },
        { "unknown default order", """{"defaults":{"order":"XYZW"}}""", "$.defaults.order = 'XYZW'" },
        { "zero scale", """{"points":{"4":{"scale":0}}}""", "$.points[4].scale = '0'" },
        { "unknown access", """{"points":{"0":{"access":"x"}}}""", "$.points[0].access = 'x'" },
        { "writable input register", """{"points":{"9":{"access":"rw"}}}""", "$.points[9].access = 'rw': expected r (input registers cannot be written)" },
        { "duplicate point id", """{"points":{"1":{"id":"command"}}}""", "$.points[1].id = 'command': expected a point id not used" },
        { "unknown parameter", """{"points":{"7":{"parameter":"pm25"}}}""", "$.points[7].parameter = 'pm25'" },
        { "parameter twice", """{"points":{"8":{"parameter":"particles_0_5um"}}}""", "$.points[8].parameter = 'particles_0_5um': expected a parameter fed by one point only" },
        { "particle count as float", """{"points":{"8":{"type":"float32"}}}""", "$.points[8].type = 'float32': expected an integer type" },
        { "bit beyond width", """{"points":{"1":{"bits":{"running":16}}}}""", "$.points[1].bits.running = '16': expected a bit number 0-15" },
        { "fault of an unknown bit", """{"points":{"1":{"faults":{"smoke":"laser"}}}}""", "$.points[1].faults.smoke = 'laser'" },
        { "unknown fault name", """{"points":{"1":{"faults":{"laser":"fire"}}}}""", "$.points[1].faults.laser = 'fire'" },
        { "validIf unknown point", """{"points":{"7":{"validIf":{"point":"nope","bit":0}}}}""", "$.points[7].validIf.point = 'nope'" },
        { "read too long", """{"reads":{"1":{"count":126}}}""", "$.reads[1].count = '126': expected 1-125" },
        { "read past the end", """{"reads":{"1":{"address":65530,"count":9}}}""", "$.reads[1].address = '65530'" },
        { "duplicate read", """{"reads":{"1":{"name":"head"}}}""", "$.reads[1].name = 'head'" },
        { "channel outside reads", """{"reads":{"1":{"count":6}}}""", "$.points[8].address = '6': expected an address inside one of the read blocks" },
        { "command on read-only point", """{"commands":{"start":{"0":{"point":"count"}}}}""", "$.commands.start[0].point = 'count': expected the id of a writable point" },
        { "command value too big", """{"commands":{"start":{"0":{"value":70000}}}}""", "$.commands.start[0].value = '70000'" },
        { "unknown command name", """{"commands":{"purge":[{"point":"command","value":1}]}}""", "$.commands.purge = 'purge'" },
        { "init of unknown command", """{"init":["stop"]}""", "$.init[0] = 'stop'" },
        { "unknown sampling mode", """{"sampling":{"mode":"push"}}""", "$.sampling.mode = 'push'" },
        { "record index not writable", """{"sampling":{"recordIndex":"count"}}""", "$.sampling.recordIndex = 'count'" },
        { "record count outside head", """{"sampling":{"recordCount":"time"}}""", "$.sampling.recordCount = 'time': expected a point inside read block 'head'" },
        { "unknown new-data bit", """{"sampling":{"newData":{"point":"status","bit":"fresh"}}}""", "$.sampling.newData.bit = 'fresh'" },
        { "float timestamp", """{"points":{"5":{"type":"float32"}}}""", "$.sampling.timestamp = 'time'" },
        { "no volume for counts", """{"volume":null}""", "$.volume: expected the sampled volume" },
        { "flow without unit", """{"points":{"4":{"unit":"cfm"}}}""", "$.volume.flow = 'flow': expected the id of a point whose unit is ft3/min or L/min" },
        { "negative litres", """{"volume":{"litres":-1}}""", "$.volume.litres = '-1'" },
        { "misspelt key", """{"points":{"0":{"adress":5}}}""", "$.points[0].adress" },
        { "no points", """{"points":[]}""", "$.points: expected at least one point" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void Parse_InvalidProfile_ErrorNamesFilePathAndValue(string because, string patch, string expected)
    {
        var json = Patch(Base, patch);

        var ex = Assert.Throws<ConfigurationException>(() => ProfileReader.Parse(json, File));

        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"{because}: '{expected}' not in:\n{ex.Message}");
        Assert.All(ex.Errors, e => Assert.Equal(File, e.File));
    }

    [Theory]
    [InlineData("../schemas/device-profile.schema.json")]
    [InlineData("cleanroom-device-profile/1")]
    [InlineData("v2")]
    public void Parse_AnySchemaReference_IsLeftToEditors(string reference)
    {
        // "$schema" tells an editor which JSON Schema to check against; the reader checks the file itself.
        var profile = ProfileReader.Parse(Patch(Base, $$"""{"$schema":"{{reference}}"}"""), File);

        Assert.Equal("base", profile.Id);
    }

    [Fact]
    public void Parse_SeveralProblems_AllReportedAtOnce()
    {
        var json = Patch(Base, """{"points":{"0":{"table":"coil"},"2":{"type":"int64"}},"reads":{"0":{"count":0}}}""");

        var ex = Assert.Throws<ConfigurationException>(() => ProfileReader.Parse(json, File));

        Assert.True(ex.Errors.Count >= 3, ex.Message);
    }

    private static string Patch(string json, string patch) => JsonMerge.Apply(json, patch);
}
