using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Facility;

/// <summary>The one reader of limits written as JSON outside the facility file, in the file's shape ({ "alert": …,
/// "action": …, "delay": "30s", "justification": …, "atRest": { … } }), read with the file's own rules
/// (<see cref="LimitSpecReader"/>): a limit change's proposed limits and a replay's proposed limits. Every problem names
/// the request (<c>source</c>), the JSON path in it and the bad value, worded alike whichever entry point read it. It
/// also writes a spec back in the same shape: a limit change is proposed, stored and shown as the file would state it.</summary>
public static class LimitSpecJson
{
    /// <summary>Reads <paramref name="json"/> as the limits of <paramref name="parameter"/>.</summary>
    /// <param name="source">What the text is part of, as an error names it ("request body").</param>
    /// <param name="path">Where the text sits in <paramref name="source"/>, the start of every error path ("$.limits").</param>
    public static (LimitSpec? Spec, IReadOnlyList<ConfigError> Errors) Read(string json, Parameter parameter, string source, string path = "$")
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<ConfigError>();
        if (Deserialize(json, source, path, LimitSpecFileContext.Default.LimitSpecFile, "limits", errors) is not { } file)
        {
            return (null, errors);
        }
        var spec = Reader(source, errors).ReadOne(file, path, parameter);
        return errors.Count > 0 ? (null, errors) : (spec ?? LimitSpec.Empty, errors);
    }

    /// <summary>How an API states refused limits: every problem, each as <see cref="ConfigError"/> words it (the request,
    /// the JSON path, the value and what was expected), in the order found.</summary>
    public static string Describe(IEnumerable<ConfigError> errors) => string.Join("; ", errors);

    /// <summary>The text into <paramref name="model"/> (the facility file's strictness: an unknown key is an error), or
    /// null with the reason added to <paramref name="errors"/>, its path under <paramref name="path"/>.</summary>
    internal static T? Deserialize<T>(string json, string source, string path, JsonTypeInfo<T> model, string what, List<ConfigError> errors) where T : class
    {
        try
        {
            return ConfigJson.Deserialize(json, source, model, what);
        }
        catch (ConfigurationException ex)
        {
            errors.AddRange(ex.Errors.Select(e => e with { Path = path + e.Path.TrimStart('$') }));
            return null;
        }
    }

    /// <summary>The file's limit rules, each problem added to <paramref name="errors"/> under <paramref name="source"/>.</summary>
    internal static LimitSpecReader Reader(string source, List<ConfigError> errors) =>
        new((path, value, expected) => errors.Add(new ConfigError(source, path, value, expected)));

    /// <summary>The facility file's JSON of <paramref name="spec"/>: what <see cref="Read"/> reads back to an equal spec.</summary>
    public static string Write(LimitSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, spec);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, LimitSpec spec)
    {
        writer.WriteStartObject();
        WriteBand(writer, "alert", spec.Alert);
        if (spec.NoActionLimit)
        {
            writer.WriteString("action", "none");
        }
        else
        {
            WriteBand(writer, "action", spec.Action);
        }
        if (spec.Delay is { } delay)
        {
            writer.WriteString("delay", delay.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s");
        }
        WriteNumber(writer, "delaySamples", spec.DelaySamples);
        if (spec.Justification is { } justification)
        {
            writer.WriteString("justification", justification);
        }
        WriteNumber(writer, "deadband", spec.Deadband);
        if (spec.Sign is { } sign)
        {
            writer.WriteString("sign", sign > 0 ? "positive" : "negative");
        }
        WriteNumber(writer, "consecutive", spec.ConsecutiveSamples);
        if (spec.OccurrencesN is { } n && spec.OccurrencesM is { } m)
        {
            writer.WriteStartObject("occurrences");
            writer.WriteNumber("n", n);
            writer.WriteNumber("m", m);
            writer.WriteEndObject();
        }
        WriteNumber(writer, "cumulativeLitres", spec.CumulativeVolumeLitres);
        if (spec.AtRest is { } atRest)
        {
            writer.WritePropertyName("atRest");
            Write(writer, atRest);
        }
        if (spec.InOperation is { } inOperation)
        {
            writer.WritePropertyName("inOperation");
            Write(writer, inOperation);
        }
        writer.WriteEndObject();
    }

    private static void WriteBand(Utf8JsonWriter writer, string name, Band band)
    {
        if (!band.IsSet)
        {
            return;
        }
        writer.WriteStartObject(name);
        WriteNumber(writer, "low", band.Low);
        WriteNumber(writer, "high", band.High);
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }
}
