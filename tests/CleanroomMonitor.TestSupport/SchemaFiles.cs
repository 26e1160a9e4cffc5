using System.Text.Json;
using Json.Schema;

namespace CleanroomMonitor.TestSupport;

/// <summary>The JSON Schemas committed under deploy/config/schemas, compared with what the readers generate so a
/// change to a configuration model that is not carried into its schema fails the build.</summary>
public static class SchemaFiles
{
    /// <summary>Set to 1 to rewrite the committed schemas from the models instead of comparing them.</summary>
    public const string UpdateVariable = "CLEANROOM_UPDATE_SCHEMAS";

    private static readonly JsonDocumentOptions Comments = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static string Folder => Path.Combine(RepositoryPaths.Root, "deploy", "config", "schemas");

    /// <summary>The committed text of <paramref name="fileName"/>, or null when it is missing. Under
    /// <see cref="UpdateVariable"/>=1 the generated text is written first.</summary>
    public static string? Committed(string fileName, string generated)
    {
        var path = Path.Combine(Folder, fileName);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, generated);
        }
        return File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
    }

    public static string DriftMessage(string fileName) =>
        $"deploy/config/schemas/{fileName} differs from the model its reader deserializes into; regenerate with " +
        $"{UpdateVariable}=1 deploy/local/test.sh (or dotnet test on the project that checks it) and commit the result.";

    /// <summary>The committed schema that the <c>"$schema"</c> of <paramref name="configFile"/> points at, as a full
    /// path (the reference is relative to the file, as editors resolve it), or null when the file has none.</summary>
    public static string? ReferencedBy(string configFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(configFile), Comments);
        return document.RootElement.TryGetProperty("$schema", out var reference) && reference.GetString() is { } relative
            ? Path.GetFullPath(relative, Path.GetDirectoryName(Path.GetFullPath(configFile))!)
            : null;
    }

    /// <summary>What the committed schema that <paramref name="configFile"/> references finds wrong with it, as an
    /// editor would show it (JSON Schema 2020-12, evaluated by JsonSchema.Net): empty when the file is valid. Proves the
    /// generated schema accepts the files the reader accepts, not only that it matches the model.</summary>
    public static IReadOnlyList<string> Problems(string configFile)
    {
        var schemaFile = ReferencedBy(configFile) ?? throw new InvalidOperationException($"{configFile} has no $schema");
        var schema = JsonSchema.FromText(File.ReadAllText(schemaFile));
        using var document = JsonDocument.Parse(File.ReadAllText(configFile), Comments);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Prepend(results).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
