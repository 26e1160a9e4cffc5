using System.Text.Json.Nodes;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Core.Tests.Facility;

/// <summary>The committed JSON Schema of the facility file matches the reader's model, and every shipped facility
/// file is valid and points its editor at that schema.</summary>
public sealed class FacilitySchemaTests
{
    private const string SchemaFile = "facility.schema.json";

    private static string Folder => Path.Combine(RepositoryPaths.Root, "deploy", "config");

    public static TheoryData<string> ShippedFiles() =>
        new(Directory.GetFiles(Folder, "facility.*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void JsonSchema_CommittedCopy_MatchesTheModel()
    {
        var generated = FacilityReader.JsonSchema;

        Assert.True(generated == SchemaFiles.Committed(SchemaFile, generated), SchemaFiles.DriftMessage(SchemaFile));
    }

    [Fact]
    public void JsonSchema_Generated_DescribesDefaultsAndRejectsUnknownKeys()
    {
        var schema = JsonNode.Parse(FacilityReader.JsonSchema)!;
        var sensor = schema["properties"]!["sensors"]!["items"]!;

        Assert.False(sensor["additionalProperties"]!.GetValue<bool>());
        Assert.Equal("1m", sensor["properties"]!["interval"]!["default"]!.GetValue<string>());
        Assert.Equal("cleanroom", schema["properties"]!["site"]!["properties"]!["topicRoot"]!["default"]!.GetValue<string>());
        Assert.Equal("^[a-z0-9][a-z0-9_-]{0,62}$", sensor["properties"]!["id"]!["pattern"]!.GetValue<string>());
        Assert.Equal(["A", "B", "C", "D", "unclassified"], schema["properties"]!["rooms"]!["items"]!["properties"]!["grade"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["mqtt", "modbus", "computed", "sparkplug"], sensor["properties"]!["source"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Theory, MemberData(nameof(ShippedFiles))]
    public void Load_ShippedFacility_IsValid(string fileName)
    {
        var facility = FacilityReader.Load(Path.Combine(Folder, fileName));

        Assert.NotEmpty(facility.Sensors);
    }

    [Theory, MemberData(nameof(ShippedFiles))]
    public void ReferencedBy_ShippedFacility_IsTheCommittedSchema(string fileName) =>
        Assert.Equal(Path.Combine(SchemaFiles.Folder, SchemaFile), SchemaFiles.ReferencedBy(Path.Combine(Folder, fileName)));

    [Theory, MemberData(nameof(ShippedFiles))]
    public void CommittedSchema_ShippedFacility_FindsNothingWrong(string fileName) =>
        Assert.Empty(SchemaFiles.Problems(Path.Combine(Folder, fileName)));

    [Fact]
    public void CommittedSchema_FacilityWithAnUnknownGradeAndKey_NamesBothPlaces()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "facility.json");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(Folder, "facility.demo.json"))
            .Replace("\"$schema\": \"schemas/facility.schema.json\"", $"\"$schema\": \"{Path.Combine(SchemaFiles.Folder, SchemaFile)}\", \"sitee\": 1", StringComparison.Ordinal)
            .Replace("\"grade\": \"B\"", "\"grade\": \"Z\"", StringComparison.Ordinal));

        var problems = SchemaFiles.Problems(file);

        Assert.Contains(problems, p => p.Contains("/rooms/", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("sitee", StringComparison.Ordinal));
    }
}
