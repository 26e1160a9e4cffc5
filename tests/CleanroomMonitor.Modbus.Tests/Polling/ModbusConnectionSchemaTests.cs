using System.Text.Json.Nodes;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Modbus.Tests.Polling;

/// <summary>The committed JSON Schema of the Modbus connection file matches the reader's model, and every shipped
/// connection file is valid and points its editor at that schema.</summary>
public sealed class ModbusConnectionSchemaTests
{
    private const string SchemaFile = "modbus-connections.schema.json";

    public static TheoryData<string> ShippedFiles() =>
        new(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "deploy", "config"), "modbus.*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void JsonSchema_CommittedCopy_MatchesTheModel()
    {
        var generated = ModbusPlanReader.JsonSchema;

        Assert.True(generated == SchemaFiles.Committed(SchemaFile, generated), SchemaFiles.DriftMessage(SchemaFile));
    }

    [Fact]
    public void JsonSchema_Generated_DescribesDefaultsAndRejectsUnknownKeys()
    {
        var schema = JsonNode.Parse(ModbusPlanReader.JsonSchema)!;

        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal("1s", schema["properties"]!["defaults"]!["properties"]!["pollInterval"]!["default"]!.GetValue<string>());
        Assert.Equal("^[a-z0-9][a-z0-9_.-]{0,62}$", schema["properties"]!["connections"]!["items"]!["properties"]!["id"]!["pattern"]!.GetValue<string>());
        var rtu = schema["properties"]!["connections"]!["items"]!["properties"]!["rtu"]!["properties"]!;
        Assert.Equal(["N", "E", "O"], rtu["parity"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal([7, 8], rtu["dataBits"]!["enum"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Contains("unit id", schema["properties"]!["connections"]!["items"]!["properties"]!["devices"]!["items"]!["properties"]!["unitId"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ShippedFiles))]
    public void Load_ShippedConnectionFile_IsValidForItsFacility(string fileName)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "deploy", "config");
        var facility = FacilityReader.Load(Path.Combine(folder, fileName.Replace("modbus.", "facility.", StringComparison.Ordinal)));

        var plan = ModbusPlanReader.Load(Path.Combine(folder, fileName), facility);

        Assert.NotEmpty(plan.Devices);
    }

    [Theory, MemberData(nameof(ShippedFiles))]
    public void ReferencedBy_ShippedConnectionFile_IsTheCommittedSchema(string fileName) =>
        Assert.Equal(Path.Combine(SchemaFiles.Folder, SchemaFile), SchemaFiles.ReferencedBy(Path.Combine(RepositoryPaths.Root, "deploy", "config", fileName)));

    [Theory, MemberData(nameof(ShippedFiles))]
    public void CommittedSchema_ShippedConnectionFile_FindsNothingWrong(string fileName) =>
        Assert.Empty(SchemaFiles.Problems(Path.Combine(RepositoryPaths.Root, "deploy", "config", fileName)));
}
