using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CleanroomMonitor.Core.Configuration;

namespace CleanroomMonitor.Core.Tests.Configuration;

public sealed partial class ConfigSchemaTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(ConfigSchema.Generate(SampleContext.Default.SampleFile, "Sample", "A sample file."))!;

    private static JsonNode Property(string name) => Schema["properties"]![name]!;

    [Fact]
    public void Generate_Document_StartsWithDraftTitleAndDescription()
    {
        Assert.Equal(["$schema", "title", "description", "type", "properties", "additionalProperties"], Schema.AsObject().Select(p => p.Key));
        Assert.Equal("A sample file.", Schema["description"]!.GetValue<string>());
    }

    [Fact]
    public void Generate_Initializer_BecomesDefault()
    {
        Assert.Equal("1s", Property("interval")["default"]!.GetValue<string>());
        Assert.Null(Property("name")["default"]);
    }

    [Fact]
    public void Generate_NullableProperty_OffersNoNull() =>
        Assert.Equal("string", Property("name")["type"]!.GetValue<string>());

    [Fact]
    public void Generate_Attributes_BecomeDescriptionPatternAndEnum()
    {
        Assert.Equal("How often, such as \"1s\".", Property("interval")["description"]!.GetValue<string>());
        Assert.Equal("^[a-z]+$", Property("name")["pattern"]!.GetValue<string>());
        Assert.Equal(["low", "high"], Property("level")["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    internal sealed class SampleFile
    {
        public static IReadOnlyList<string> Levels { get; } = ["low", "high"];

        [RegularExpression("^[a-z]+$")]
        public string? Name { get; set; }

        [Description("How often, such as \"1s\".")]
        public string Interval { get; set; } = "1s";

        [OneOf(typeof(SampleFile), nameof(Levels))]
        public string? Level { get; set; }
    }

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
    [JsonSerializable(typeof(SampleFile))]
    internal sealed partial class SampleContext : JsonSerializerContext;
}
