using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Serialises dashboards to Grafana's JSON: camelCase, nulls left out, two-space indent, <c>\n</c> line
/// ends and a final newline, non-ASCII kept as is (≥, µ, °C). The same model always gives the same bytes, which
/// is what the drift check compares.</summary>
public static class DashboardJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(Dashboard dashboard) => JsonSerializer.Serialize(dashboard, Options) + "\n";

    /// <summary>The dashboard as a JSON tree, for the publisher's request body and comparisons.</summary>
    public static System.Text.Json.Nodes.JsonNode ToNode(Dashboard dashboard) =>
        JsonSerializer.SerializeToNode(dashboard, Options) ?? throw new InvalidOperationException("A dashboard serialised to null.");

    /// <summary>Options for other request bodies: the same naming and null handling.</summary>
    public static JsonSerializerOptions SerializerOptions => Options;
}
