using System.Globalization;
using System.Text;
using System.Text.Json;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Facility;

/// <summary>One parameter's limits as JSON in the facility file's shape ({ "alert": …, "action": …, "delay": "30s",
/// "justification": …, "atRest": { … } }), read with the file's own rules (<see cref="LimitSpecReader"/>) and written
/// back in the same shape: a limit change is proposed, stored and shown as the file would state it.</summary>
public static class LimitSpecJson
{
    /// <summary>Reads <paramref name="json"/> as the limits of <paramref name="parameter"/>; every problem is reported
    /// with its path under <paramref name="source"/> (for example "limits").</summary>
    public static (LimitSpec? Spec, IReadOnlyList<ConfigError> Errors) Read(string json, Parameter parameter, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<ConfigError>();
        LimitSpecFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, LimitSpecFileContext.Default.LimitSpecFile);
        }
        catch (JsonException ex)
        {
            return (null, [JsonFailure.Describe(ex, json, "request " + source, LimitSpecFileContext.Default.LimitSpecFile, "limits")]);
        }
        var block = new Dictionary<string, LimitSpecFile?> { [parameter.WireName()] = file };
        var read = new LimitSpecReader((path, value, expected) => errors.Add(new ConfigError("request", path, value, expected))).ReadAll(block, source, null);
        return errors.Count > 0 ? (null, errors) : (read.GetValueOrDefault(parameter) ?? LimitSpec.Empty, errors);
    }

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
