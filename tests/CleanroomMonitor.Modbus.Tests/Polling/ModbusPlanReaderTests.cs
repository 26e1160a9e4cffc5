using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Modbus.Profiles;
using CleanroomMonitor.Modbus.Tests.Profiles;

namespace CleanroomMonitor.Modbus.Tests.Polling;

public sealed class ModbusPlanReaderTests
{
    private const string File = "/etc/cleanroom/modbus.json";

    private const string Valid = """
        {
          "defaults": { "pollInterval": "2s", "responseTimeout": "300ms", "missedPollsBeforeLoss": 4 },
          "connections": [
            { "id": "gw1", "tcp": { "host": "127.0.0.1", "port": 1502 },
              "devices": [
                { "unitId": 1, "profile": "lighthouse-remote-3104p", "sensor": "pc1", "pollInterval": "1s" },
                { "unitId": 2, "profile": "dp-transmitter-int16", "sensor": "dp1" }
              ] },
            { "id": "line1", "rtu": { "device": "/dev/ttyUSB0", "baud": 9600, "parity": "E" },
              "devices": [
                { "unitId": 5, "profile": "vaisala-hmw90", "sensor": "th1" },
                { "name": "incubator", "unitId": 6, "profile": "co2-incubator-generic", "sensor": "inc1", "missedPollsBeforeLoss": 1 }
              ] }
          ]
        }
        """;

    private static readonly IReadOnlyDictionary<string, DeviceProfile> Profiles = ProfileReader.LoadFolder(GoldenCase.ShippedProfiles);
    private readonly FacilityDefinition _facility = TestFacility.Load();

    [Fact]
    public void Parse_ValidFile_ResolvesConnectionsDevicesAndDefaults()
    {
        var plan = ModbusPlanReader.Parse(Valid, File, _facility, Profiles);

        Assert.Equal(2, plan.Connections.Count);
        var tcp = plan.Connections[0];
        Assert.True(tcp.IsTcp);
        Assert.Equal(("127.0.0.1", 1502), (tcp.Host, tcp.Port));
        Assert.Equal(TimeSpan.FromSeconds(1), tcp.Devices[0].PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), tcp.Devices[1].PollInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(300), tcp.Devices[1].ResponseTimeout);
        Assert.Equal(4, tcp.Devices[1].MissedPollsBeforeLoss);
        Assert.Equal("gw1/2", tcp.Devices[1].Name);
        var rtu = plan.Connections[1];
        Assert.Equal(new SerialSettings("/dev/ttyUSB0", 9600, 'E', 8, 1), rtu.Serial);
        Assert.Equal("incubator", rtu.Devices[1].Name);
        Assert.Equal(1, rtu.Devices[1].MissedPollsBeforeLoss);
        Assert.Equal(new SensorId("inc1"), rtu.Devices[1].Sensor);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { """{"connections":{"0":{"devices":{"0":{"sensor":"nope"}}}}}""", "$.connections[0].devices[0].sensor = 'nope': expected the id of a sensor" },
        { """{"connections":{"0":{"devices":{"1":{"sensor":"th2", "profile":"vaisala-hmw90"}}}}}""", "$.connections[0].devices[1].sensor = 'th2': expected a sensor with \"source\": \"modbus\"" },
        { """{"connections":{"0":{"devices":{"1":{"profile":"vaisala-hmw90"}}}}}""", "$.connections[0].devices[1].profile = 'vaisala-hmw90': expected a profile whose channels (relative_humidity, temperature) are the parameters of sensor 'dp1' (differential_pressure)" },
        { """{"connections":{"0":{"devices":{"1":{"profile":"unknown"}}}}}""", "$.connections[0].devices[1].profile = 'unknown': expected the id of a profile" },
        { """{"connections":{"0":{"devices":{"1":{"unitId":1}}}}}""", "$.connections[0].devices[1].unitId = '1': expected a unit id not used by another device" },
        { """{"connections":{"1":{"devices":{"0":{"unitId":0}}}}}""", "$.connections[1].devices[0].unitId = '0': expected an RTU slave address 1-247" },
        { """{"connections":{"0":{"devices":{"0":{"unitId":256}}}}}""", "$.connections[0].devices[0].unitId = '256'" },
        { """{"connections":{"1":{"devices":{"0":{"sensor":"pc1","profile":"lighthouse-remote-3104p"}}}}}""", "$.connections[1].devices[0].sensor = 'pc1': expected a sensor not fed by another device" },
        { """{"connections":{"1":{"devices":{"0":{"sensor":"pc1","profile":"lighthouse-remote-3104p"}}}}}""", "$.connections = 'th1': expected a device for Modbus sensor 'th1'" },
        { """{"defaults":{"pollInterval":"fast"}}""", "$.defaults.pollInterval = 'fast'" },
        { """{"connections":{"0":{"devices":{"0":{"pollInterval":"10ms"}}}}}""", "$.connections[0].devices[0].pollInterval = '10ms'" },
        { """{"connections":{"0":{"devices":{"0":{"responseTimeout":"1s"}}}}}""", "$.connections[0].devices[0].responseTimeout = '00:00:01': expected less than the poll interval" },
        { """{"connections":{"0":{"devices":{"0":{"missedPollsBeforeLoss":0}}}}}""", "$.connections[0].devices[0].missedPollsBeforeLoss = '0'" },
        { """{"connections":{"0":{"tcp":{"port":70000}}}}""", "$.connections[0].tcp.port = '70000'" },
        { """{"connections":{"0":{"tcp":{"host":""}}}}""", "$.connections[0].tcp.host = ''" },
        { """{"connections":{"0":{"rtu":{"device":"/dev/ttyS1"}}}}""", "$.connections[0]: expected exactly one of \"tcp\"" },
        { """{"connections":{"1":{"rtu":{"device":"ttyUSB0"}}}}""", "$.connections[1].rtu.device = 'ttyUSB0'" },
        { """{"connections":{"1":{"rtu":{"baud":12345}}}}""", "$.connections[1].rtu.baud = '12345'" },
        { """{"connections":{"1":{"rtu":{"parity":"X"}}}}""", "$.connections[1].rtu.parity = 'X'" },
        { """{"connections":{"1":{"id":"gw1"}}}""", "$.connections[1].id = 'gw1'" },
        { """{"connections":{"0":{"reconnectDelayMin":"10s","reconnectDelayMax":"1s"}}}""", "$.connections[0].reconnectDelayMax = '00:00:01': expected at least reconnectDelayMin" },
        { """{"connections":[]}""", "$.connections: expected at least one connection" },
        { """{"connectons":[]}""", "connectons" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void Parse_InvalidFile_ErrorNamesFilePathAndValue(string patch, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => ModbusPlanReader.Parse(Patch(Valid, patch), File, _facility, Profiles));

        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"'{expected}' not in:\n{ex.Message}");
        Assert.Contains(File, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutFile_FacilityWithModbusSensors_FailsNamingTheSettingAndSensors()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ModbusPlanReader.WithoutFile(_facility));

        Assert.Contains("Modbus:File", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pc1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutFile_NoModbusSensors_EmptyPlan()
    {
        var facility = FacilityReader.Parse(TestFacility.Json.Replace(", \"source\": \"modbus\"", "", StringComparison.Ordinal), "f.json");

        Assert.Empty(ModbusPlanReader.WithoutFile(facility).Connections);
    }

    [Fact]
    public void Load_ProfilesFolderMissing_NamesTheFolder()
    {
        using var directory = new TestSupport.TempDirectory();
        var file = directory.Combine("modbus.json");
        System.IO.File.WriteAllText(file, Valid);

        var ex = Assert.Throws<ConfigurationException>(() => ModbusPlanReader.Load(file, _facility));

        Assert.Contains(directory.Combine("profiles"), ex.Message, StringComparison.Ordinal);
    }

    private static string Patch(string json, string patch) => JsonMerge.Apply(json, patch);
}
