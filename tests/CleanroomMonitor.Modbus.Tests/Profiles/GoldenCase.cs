using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Tests.Profiles;

/// <summary>A Telegraf-style golden case: a folder with the profile (<c>profile.json</c>, or <c>shipped-profile</c>
/// naming a file of deploy/config/profiles), the registers (<c>registers.json</c>: sparse tables
/// <c>{"holding": {"2": [4]}, "input": {...}}</c> by PDU address), and either <c>expected.json</c> (the decoded sample)
/// or <c>expected.err</c> (lines the profile error must contain). Adding a case is adding a folder.</summary>
internal static class GoldenCase
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestCases");

    public static string ShippedProfiles => Path.Combine(AppContext.BaseDirectory, "ShippedProfiles");

    public static void AssertMatches(string folder)
    {
        var expectedError = Path.Combine(folder, "expected.err");
        DeviceProfile profile;
        try
        {
            profile = LoadProfile(folder);
        }
        catch (ConfigurationException ex) when (File.Exists(expectedError))
        {
            foreach (var line in File.ReadAllLines(expectedError).Where(l => l.Length > 0))
            {
                Assert.Contains(line, ex.Message, StringComparison.Ordinal);
            }
            return;
        }
        Assert.False(File.Exists(expectedError), "the profile loaded, but expected.err says it must not");

        var decoded = SampleDecoder.Decode(profile, Registers(profile, Path.Combine(folder, "registers.json")));

        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        var root = expected.RootElement;
        var values = decoded.Values.ToDictionary(v => v.Parameter.WireName(), v => v);
        var expectedValues = root.TryGetProperty("values", out var v) ? v.EnumerateObject().ToList() : [];
        var expectedCounts = root.TryGetProperty("counts", out var c) ? c.EnumerateObject().ToList() : [];
        Assert.Equal(expectedValues.Count + expectedCounts.Count, values.Count);
        foreach (var property in expectedValues)
        {
            Assert.False(values[property.Name].IsCount, property.Name);
            Assert.Equal(property.Value.GetDouble(), values[property.Name].Value, 6);
        }
        foreach (var property in expectedCounts)
        {
            Assert.True(values[property.Name].IsCount, property.Name);
            Assert.Equal(property.Value.GetDouble(), values[property.Name].Value);
        }
        Assert.Equal(root.TryGetProperty("timestamp", out var ts) ? DateTimeOffset.FromUnixTimeSeconds(ts.GetInt64()) : null, decoded.Timestamp);
        if (root.TryGetProperty("volumeLitres", out var volume))
        {
            Assert.Equal(volume.GetDouble(), decoded.VolumeLitres!.Value, 4);
        }
        else
        {
            Assert.Null(decoded.VolumeLitres);
        }
        Assert.Equal(root.TryGetProperty("faults", out var faults) ? faults.GetString() : "None", decoded.Faults.ToString());
        Assert.Equal(root.TryGetProperty("omitted", out var omitted) ? omitted.GetInt32() : 0, decoded.Omitted.Count);
    }

    private static DeviceProfile LoadProfile(string folder)
    {
        var shipped = Path.Combine(folder, "shipped-profile");
        return File.Exists(shipped)
            ? ProfileReader.Load(Path.Combine(ShippedProfiles, File.ReadAllText(shipped).Trim() + ".json"))
            : ProfileReader.Load(Path.Combine(folder, "profile.json"));
    }

    private static RegisterSnapshot Registers(DeviceProfile profile, string file)
    {
        var tables = new Dictionary<RegisterTable, ushort[]>
        {
            [RegisterTable.Holding] = new ushort[65536],
            [RegisterTable.Input] = new ushort[65536],
        };
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        foreach (var table in json.RootElement.EnumerateObject())
        {
            var registers = tables[table.Name == "holding" ? RegisterTable.Holding : RegisterTable.Input];
            foreach (var run in table.Value.EnumerateObject())
            {
                var address = int.Parse(run.Name, CultureInfo.InvariantCulture);
                foreach (var value in run.Value.EnumerateArray())
                {
                    registers[address++] = value.ValueKind == JsonValueKind.String
                        ? ushort.Parse(value.GetString()!.Replace("0x", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                        : value.GetUInt16();
                }
            }
        }
        var snapshot = new RegisterSnapshot();
        foreach (var block in profile.Reads)
        {
            snapshot.Add(block, tables[block.Table].AsSpan(block.Address, block.Count).ToArray());
        }
        return snapshot;
    }
}
