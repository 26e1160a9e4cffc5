using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
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
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) => WithEnum(context, WithPattern(context, WithDefault(context, Describe(context, WithoutNull(schema))))),
        };
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

    /// <summary>Shows a property's default, taken from the model's initializer, so a default is written once: the
    /// reader falls back to it and the editor shows it. Only plain values: a nested object documents its own.</summary>
    private static JsonNode WithDefault(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.PropertyInfo is not { } property || property.Get is null
            || property.Options.GetTypeInfo(property.DeclaringType) is not { CreateObject: { } create })
        {
            return schema;
        }
        var value = property.Get(create());
        if (value is null || JsonSerializer.SerializeToNode(value, property.Options.GetTypeInfo(property.PropertyType)) is not JsonValue plain)
        {
            return schema;
        }
        var node = schema as JsonObject ?? new JsonObject();
        node["default"] = plain;
        return node;
    }

    /// <summary>Carries a <see cref="RegularExpressionAttribute"/> into the schema as <c>pattern</c>, so an editor flags a
    /// malformed id while it is typed. The reader checks the same constant with its own generated regex; nothing
    /// validates DataAnnotations on these models.</summary>
    private static JsonNode WithPattern(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(RegularExpressionAttribute), inherit: false)
                .OfType<RegularExpressionAttribute>().FirstOrDefault() is not { } attribute)
        {
            return schema;
        }
        var node = schema as JsonObject ?? new JsonObject();
        node["pattern"] = attribute.Pattern;
        return node;
    }

    /// <summary>Writes the values a <see cref="OneOfAttribute"/> names as the schema's <c>enum</c>: the editor offers
    /// them and flags anything else.</summary>
    private static JsonNode WithEnum(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(OneOfAttribute), inherit: false)
                .OfType<OneOfAttribute>().FirstOrDefault() is not { } attribute)
        {
            return schema;
        }
        var list = attribute.Owner.GetProperty(attribute.Member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException($"{attribute.Owner.Name}.{attribute.Member}, named by [OneOf], is not a static property.");
        var values = list is IDictionary dictionary ? dictionary.Keys : (IEnumerable)list;
        var node = schema as JsonObject ?? new JsonObject();
        node["enum"] = new JsonArray(values.Cast<object>().Select(value => value switch
        {
            string text => JsonValue.Create(text),
            int number => (JsonNode?)JsonValue.Create(number),
            _ => throw new InvalidOperationException($"[OneOf] value '{value}' of {attribute.Owner.Name}.{attribute.Member} is neither a string nor an int."),
        }).ToArray());
        return node;
    }

    /// <summary>The models are nullable so a validator can report a missing value with its path; null is never a
    /// value an engineer should write, so the schema does not offer it and the editor flags it.</summary>
    private static JsonNode WithoutNull(JsonNode schema)
    {
        if (schema is JsonObject { } node && node["type"] is JsonArray types
            && types.Select(t => t?.GetValue<string>()).Where(t => t != "null").ToList() is [{ } single] && types.Count == 2)
        {
            node["type"] = single;
        }
        return schema;
    }
}
