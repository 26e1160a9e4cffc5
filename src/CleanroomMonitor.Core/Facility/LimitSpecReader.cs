using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Facility;

/// <summary>Reads the <c>limits</c> blocks of a facility file: parameter name → limit spec, each problem reported
/// with its path and value.</summary>
internal sealed class LimitSpecReader(Action<string, string?, string> error)
{
    public Dictionary<Parameter, LimitSpec> ReadAll(Dictionary<string, JsonElement>? block, string path, IReadOnlyList<Parameter>? allowed)
    {
        var result = new Dictionary<Parameter, LimitSpec>();
        foreach (var (name, element) in block ?? [])
        {
            var at = $"{path}.{name}";
            if (!ParameterCatalog.TryParse(name, out var info))
            {
                error(at, name, $"a parameter name: {ParameterCatalog.Names}");
                continue;
            }
            if (allowed is not null && !allowed.Contains(info.Parameter))
            {
                error(at, name, $"a parameter this sensor measures ({string.Join(", ", allowed.Select(p => p.WireName()))})");
                continue;
            }
            if (Read(element, at, info, nested: true) is { } spec)
            {
                result[info.Parameter] = spec;
            }
        }
        return result;
    }

    private LimitSpec? Read(JsonElement element, string path, ParameterInfo parameter, bool nested)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            error(path, element.GetRawText(), "a limits object such as { \"alert\": 2000, \"action\": 3520 }");
            return null;
        }
        var spec = LimitSpec.Empty;
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            var value = property.Value;
            switch (property.Name)
            {
                case "alert":
                    spec = spec with { Alert = ReadBand(value, at) };
                    break;
                case "action" when value.ValueKind == JsonValueKind.String && value.GetString() == "none":
                    // Annex 1 sets no grade D in-operation value: a site that has none must say so explicitly.
                    spec = spec with { NoActionLimit = true };
                    break;
                case "action":
                    spec = spec with { Action = ReadBand(value, at) };
                    break;
                case "delay":
                    spec = spec with { Delay = ReadDuration(value, at) };
                    break;
                case "delaySamples":
                    spec = spec with { DelaySamples = ReadInt(value, at, 1, 1000) };
                    break;
                case "justification":
                    spec = spec with { Justification = value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : Invalid<string>(at, value, "a non-empty text") };
                    break;
                case "deadband":
                    spec = spec with { Deadband = ReadNumber(value, at) is >= 0 and var d ? d : Invalid<double?>(at, value, "a non-negative number") };
                    break;
                case "sign" when parameter.Parameter == Parameter.DifferentialPressure:
                    spec = spec with { Sign = value.ValueKind == JsonValueKind.String ? value.GetString() switch { "positive" => 1, "negative" => -1, _ => Invalid<int?>(at, value, "\"positive\" or \"negative\"") } : Invalid<int?>(at, value, "\"positive\" or \"negative\"") };
                    break;
                case "consecutive" when parameter.IsParticleCount:
                    spec = spec with { ConsecutiveSamples = ReadInt(value, at, 0, 1000) };
                    break;
                case "occurrences" when parameter.IsParticleCount:
                    if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("n", out var n) && value.TryGetProperty("m", out var m))
                    {
                        var nValue = ReadInt(n, at + ".n", 0, 1000);
                        var mValue = ReadInt(m, at + ".m", 1, 1000);
                        if (nValue > mValue)
                        {
                            error(at + ".n", n.GetRawText(), $"at most m ({mValue})");
                        }
                        spec = spec with { OccurrencesN = nValue, OccurrencesM = mValue };
                    }
                    else
                    {
                        error(at, value.GetRawText(), "{ \"n\": N, \"m\": M }");
                    }
                    break;
                case "cumulativeLitres" when parameter.IsParticleCount:
                    spec = spec with { CumulativeVolumeLitres = ReadNumber(value, at) is >= 0 and var l ? l : Invalid<double?>(at, value, "a non-negative number of litres (0 turns the rule off)") };
                    break;
                case "atRest" when nested:
                    spec = spec with { AtRest = Read(value, at, parameter, nested: false) };
                    break;
                case "inOperation" when nested:
                    spec = spec with { InOperation = Read(value, at, parameter, nested: false) };
                    break;
                default:
                    error(at, property.Name, parameter.IsParticleCount
                        ? "one of alert, action, delay, delaySamples, justification, deadband, consecutive, occurrences, cumulativeLitres, atRest, inOperation"
                        : parameter.Parameter == Parameter.DifferentialPressure
                            ? "one of alert, action, delay, delaySamples, justification, deadband, sign, atRest, inOperation"
                            : "one of alert, action, delay, delaySamples, justification, deadband, atRest, inOperation");
                    break;
            }
        }
        return spec;
    }

    private Band ReadBand(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return new Band(null, ReadNumber(value, path));
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            error(path, value.GetRawText(), "a number (upper limit) or { \"low\": …, \"high\": … }");
            return Band.None;
        }
        double? low = null, high = null;
        foreach (var bound in value.EnumerateObject())
        {
            switch (bound.Name)
            {
                case "low":
                    low = ReadNumber(bound.Value, $"{path}.low");
                    break;
                case "high":
                    high = ReadNumber(bound.Value, $"{path}.high");
                    break;
                default:
                    error($"{path}.{bound.Name}", bound.Name, "low or high");
                    break;
            }
        }
        if (low >= high)
        {
            error(path, value.GetRawText(), "low below high");
        }
        return new Band(low, high);
    }

    private double? ReadNumber(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }
        error(path, value.GetRawText(), "a number");
        return null;
    }

    private int? ReadInt(JsonElement value, string path, int min, int max)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }
        error(path, value.GetRawText(), string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"));
        return null;
    }

    private TimeSpan? ReadDuration(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String && DurationParser.TryParse(value.GetString(), out var duration) && duration >= TimeSpan.Zero && duration <= TimeSpan.FromHours(24))
        {
            return duration;
        }
        error(path, value.GetRawText(), "a duration such as \"60s\" (0 to 24h)");
        return null;
    }

    private T? Invalid<T>(string path, JsonElement value, string expected)
    {
        error(path, value.GetRawText(), expected);
        return default;
    }
}
