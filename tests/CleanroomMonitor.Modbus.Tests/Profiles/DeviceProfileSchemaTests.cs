using System.Text.Json.Nodes;
using CleanroomMonitor.Modbus.Profiles;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Modbus.Tests.Profiles;

/// <summary>The committed JSON Schema of a device profile matches the reader's model, and every shipped profile is
/// valid and points its editor at that schema.</summary>
public sealed class DeviceProfileSchemaTests
{
    private const string SchemaFile = "device-profile.schema.json";

    private static string Folder => Path.Combine(RepositoryPaths.Root, "deploy", "config", "profiles");

    public static TheoryData<string> ShippedFiles() =>
        new(Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void JsonSchema_CommittedCopy_MatchesTheModel()
    {
        var generated = ProfileReader.JsonSchema;

        Assert.True(generated == SchemaFiles.Committed(SchemaFile, generated), SchemaFiles.DriftMessage(SchemaFile));
    }

    [Fact]
    public void JsonSchema_Generated_DescribesDefaultsAndRejectsUnknownKeys()
    {
        var schema = JsonNode.Parse(ProfileReader.JsonSchema)!;
        var point = schema["properties"]!["points"]!["items"]!;

        Assert.False(point["additionalProperties"]!.GetValue<bool>());
        Assert.Equal("r", point["properties"]!["access"]!["default"]!.GetValue<string>());
        Assert.Equal("ABCD", schema["properties"]!["defaults"]!["properties"]!["order"]!["default"]!.GetValue<string>());
        Assert.Equal("^[A-Za-z][A-Za-z0-9_]{0,62}$", point["properties"]!["id"]!["pattern"]!.GetValue<string>());
        Assert.Equal(["int16", "uint16", "int32", "uint32", "float32"], point["properties"]!["type"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Theory, MemberData(nameof(ShippedFiles))]
    public void Load_ShippedProfile_IsValid(string fileName)
    {
        var profile = ProfileReader.Load(Path.Combine(Folder, fileName));

        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), profile.Id);
    }

    [Theory, MemberData(nameof(ShippedFiles))]
    public void ReferencedBy_ShippedProfile_IsTheCommittedSchema(string fileName) =>
        Assert.Equal(Path.Combine(SchemaFiles.Folder, SchemaFile), SchemaFiles.ReferencedBy(Path.Combine(Folder, fileName)));

    [Theory, MemberData(nameof(ShippedFiles))]
    public void CommittedSchema_ShippedProfile_FindsNothingWrong(string fileName) =>
        Assert.Empty(SchemaFiles.Problems(Path.Combine(Folder, fileName)));
}
