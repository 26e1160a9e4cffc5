using System.ComponentModel;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace CleanroomMonitor.Core.Configuration;

/// <summary>The JSON Schema (draft 2020-12) of a configuration file format, generated from the model its reader
/// deserializes into. Generated rather than written so the schema an engineer's editor checks against cannot drift
/// from what the reader accepts; each repository copy is compared with this output by a test.</summary>
public static class ConfigSchema
{
    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        // µm, ≥ and m³ stay readable in the committed file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="root">The file's model as its reader's source-generated context describes it.</param>
    /// <param name="title">What the file is, shown by editors.</param>
    /// <param name="description">One or two sentences on what the file configures.</param>
    public static string Generate(JsonTypeInfo root, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(root);
        var exporter = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Describe };
        var body = root.GetJsonSchemaAsNode(exporter) as JsonObject ?? new JsonObject();
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = title,
            ["description"] = description,
        };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            if (key != "description")
            {
                document[key] = value;
            }
        }
        return document.ToJsonString(Output).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Carries a <see cref="DescriptionAttribute"/> on a model property or type into the schema, so the
    /// text an editor shows on hover is written once, beside the property it explains.</summary>
    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode schema)
    {
        ICustomAttributeProvider? provider = context.PropertyInfo?.AttributeProvider ?? context.TypeInfo.Type;
        var description = provider.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false)
            .OfType<DescriptionAttribute>()
            .FirstOrDefault()?.Description;
        if (description is null)
        {
            return schema;
        }
        var node = schema as JsonObject ?? new JsonObject();
        node.Insert(0, "description", description);
        return node;
    }
}
