using System.Text.Json;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Simulators.Tests.Scenarios;

public sealed class ScenarioSchemaTests
{
    private const string SchemaFile = "scenario.schema.json";

    public static TheoryData<string> ShippedScenarios()
    {
        var folder = Path.Combine(RepositoryPaths.Root, ScenarioLibrary.DefaultFolder);
        return new(ScenarioLibrary.Files(folder).Concat(ScenarioLibrary.Files(Path.Combine(folder, "demo")))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)));
    }

    [Fact]
    public void JsonSchema_CommittedCopy_MatchesTheModel()
    {
        var generated = ScenarioReader.JsonSchema;

        var committed = SchemaFiles.Committed(SchemaFile, generated);

        Assert.True(committed == generated, SchemaFiles.DriftMessage(SchemaFile));
    }

    [Fact]
    public void JsonSchema_Generated_RefusesUnknownKeysAndDescribesFields()
    {
        using var schema = JsonDocument.Parse(ScenarioReader.JsonSchema);

        var root = schema.RootElement;
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        Assert.True(root.GetProperty("properties").TryGetProperty("$schema", out _));
        var events = root.GetProperty("properties").GetProperty("events");
        Assert.Contains("Pa", events.GetProperty("items").GetProperty("properties").GetProperty("dropPa").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public void ShippedScenario_SchemaReference_PointsAtTheCommittedSchemaAndLoads(string file)
    {
        var path = Path.Combine(RepositoryPaths.Root, file);
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

        var reference = document.RootElement.GetProperty("$schema").GetString()!;

        Assert.Equal(Path.Combine(SchemaFiles.Folder, SchemaFile), Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference)));
        Assert.NotEmpty(ScenarioReader.Load(path).Expectations);
    }

    [Theory, MemberData(nameof(ShippedScenarios))]
    public void CommittedSchema_ShippedScenario_FindsNothingWrong(string fileName) =>
        Assert.Empty(SchemaFiles.Problems(Path.Combine(RepositoryPaths.Root, fileName)));
}
