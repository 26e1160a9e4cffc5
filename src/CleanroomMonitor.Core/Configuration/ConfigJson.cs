using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CleanroomMonitor.Core.Configuration;

/// <summary>The first step of every configuration reader: the file's text into its model through the model's
/// source-generated context, or a <see cref="ConfigurationException"/> saying where and why it is not that model.</summary>
public static class ConfigJson
{
    /// <param name="what">The format in words, as an error names it ("facility", "device profile").</param>
    public static T Deserialize<T>(string json, string fileName, JsonTypeInfo<T> model, string what) where T : class
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            return JsonSerializer.Deserialize(json, model)
                ?? throw new ConfigurationException([new ConfigError(fileName, "$", "null", $"a {what} object")]);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException([JsonFailure.Describe(ex, json, fileName, model, what)]);
        }
    }
}
