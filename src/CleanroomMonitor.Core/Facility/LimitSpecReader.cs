using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Facility;

/// <summary>Reads the <c>limits</c> blocks of a facility file: parameter name → limit spec, each problem reported
/// with its path and value. Unknown keys are already refused by the serializer; what is left here is what depends
/// on the parameter (sign for differential pressure, the particle rules for counts), ranges, and the bands.</summary>
internal sealed class LimitSpecReader(Action<string, string?, string> error)
{
    public Dictionary<Parameter, LimitSpec> ReadAll(Dictionary<string, LimitSpecFile?>? block, string path, IReadOnlyList<Parameter>? allowed)
    {
        var result = new Dictionary<Parameter, LimitSpec>();
        foreach (var (name, file) in block ?? [])
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
            if (Read(file, at, info, nested: true) is { } spec)
            {
                result[info.Parameter] = spec;
            }
        }
        return result;
    }

    /// <summary>One parameter's limits, <paramref name="path"/> being where they sit (a limit change's "limits").</summary>
    public LimitSpec? ReadOne(LimitSpecFile? file, string path, Parameter parameter) => Read(file, path, parameter.Info(), nested: true);

    /// <summary>The rules on a limit as a whole, once its fields are read: Annex 1 4.16 (a delay needs a justification),
    /// and an alert level that warns before the action limit, for <paramref name="spec"/> and each of its states.</summary>
    public void Check(LimitSpec spec, string path)
    {
        CheckLevel(spec, path);
        if (spec.AtRest is { } atRest)
        {
            CheckLevel(atRest, path + ".atRest");
        }
        if (spec.InOperation is { } inOperation)
        {
            CheckLevel(inOperation, path + ".inOperation");
        }
    }

    private void CheckLevel(LimitSpec spec, string path)
    {
        if ((spec.Delay > TimeSpan.Zero || spec.DelaySamples > 1) && spec.Justification is null)
        {
            error(path + ".justification", null, "a justification for the alarm delay (Annex 1 4.16 requires one for every delay)");
        }
        if (spec.Alert.High > spec.Action.High)
        {
            error(path + ".alert.high", Text(spec.Alert.High), $"an alert level at or below the action limit {Text(spec.Action.High)}");
        }
        if (spec.Alert.Low < spec.Action.Low)
        {
            error(path + ".alert.low", Text(spec.Alert.Low), $"an alert level at or above the action limit {Text(spec.Action.Low)}");
        }
    }

    private LimitSpec? Read(LimitSpecFile? file, string path, ParameterInfo parameter, bool nested)
    {
        if (file is null)
        {
            error(path, "null", "a limits object such as { \"alert\": 2000, \"action\": 3520 }");
            return null;
        }
        var spec = LimitSpec.Empty;
        if (file.Alert is { } alert)
        {
            spec = spec with { Alert = ReadBand(alert, path + ".alert") };
        }
        if (file.Action is { ValueKind: JsonValueKind.String } none && none.GetString() == "none")
        {
            // Annex 1 sets no grade D in-operation value: a site that has none must say so explicitly.
            spec = spec with { NoActionLimit = true };
        }
        else if (file.Action is { } action)
        {
            spec = spec with { Action = ReadBand(action, path + ".action") };
        }
        if (file.Delay is { } delay)
        {
            spec = spec with { Delay = ReadDuration(delay, path + ".delay") };
        }
        if (file.DelaySamples is { } samples)
        {
            spec = spec with { DelaySamples = InRange(samples, path + ".delaySamples", 1, 1000) };
        }
        if (file.Justification is { } justification)
        {
            spec = spec with { Justification = string.IsNullOrWhiteSpace(justification) ? Invalid<string>(path + ".justification", justification, "a non-empty text") : justification };
        }
        if (file.Deadband is { } deadband)
        {
            spec = spec with { Deadband = deadband >= 0 ? deadband : Invalid<double?>(path + ".deadband", Text(deadband), "a non-negative number") };
        }
        if (file.Sign is { } sign && Allowed(parameter.Parameter == Parameter.DifferentialPressure, path, "sign", "differential_pressure"))
        {
            spec = spec with { Sign = sign switch { "positive" => 1, "negative" => -1, _ => Invalid<int?>(path + ".sign", sign, "\"positive\" or \"negative\"") } };
        }
        if (file.Consecutive is { } consecutive && Allowed(parameter.IsParticleCount, path, "consecutive", "particle counts"))
        {
            spec = spec with { ConsecutiveSamples = InRange(consecutive, path + ".consecutive", 0, 1000) };
        }
        if (file.Occurrences is { } occurrences && Allowed(parameter.IsParticleCount, path, "occurrences", "particle counts"))
        {
            spec = ReadOccurrences(occurrences, path + ".occurrences", spec);
        }
        if (file.CumulativeLitres is { } litres && Allowed(parameter.IsParticleCount, path, "cumulativeLitres", "particle counts"))
        {
            spec = spec with { CumulativeVolumeLitres = litres >= 0 ? litres : Invalid<double?>(path + ".cumulativeLitres", Text(litres), "a non-negative number of litres (0 turns the rule off)") };
        }
        if (file.AtRest is { } atRest && Allowed(nested, path, "atRest", "a parameter's top-level limits"))
        {
            spec = spec with { AtRest = Read(atRest, path + ".atRest", parameter, nested: false) };
        }
        if (file.InOperation is { } inOperation && Allowed(nested, path, "inOperation", "a parameter's top-level limits"))
        {
            spec = spec with { InOperation = Read(inOperation, path + ".inOperation", parameter, nested: false) };
        }
        return spec;
    }

    private LimitSpec ReadOccurrences(OccurrencesFile occurrences, string path, LimitSpec spec)
    {
        if (occurrences is not { N: { } n, M: { } m })
        {
            error(path, null, "{ \"n\": N, \"m\": M }");
            return spec;
        }
        var nValue = InRange(n, path + ".n", 0, 1000);
        var mValue = InRange(m, path + ".m", 1, 1000);
        if (nValue > mValue)
        {
            error(path + ".n", Text(n), $"at most m ({mValue})");
        }
        return spec with { OccurrencesN = nValue, OccurrencesM = mValue };
    }

    /// <summary>A key the model has for every parameter but that only some parameters may use.</summary>
    private bool Allowed(bool allowed, string path, string key, string only)
    {
        if (!allowed)
        {
            error($"{path}.{key}", key, $"no {key} here (only {only} have one)");
        }
        return allowed;
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

    private int? InRange(int value, string path, int min, int max)
    {
        if (value >= min && value <= max)
        {
            return value;
        }
        error(path, Text(value), string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"));
        return null;
    }

    private TimeSpan? ReadDuration(string value, string path)
    {
        if (DurationParser.TryParse(value, out var duration) && duration >= TimeSpan.Zero && duration <= TimeSpan.FromHours(24))
        {
            return duration;
        }
        error(path, value, "a duration such as \"60s\" (0 to 24h)");
        return null;
    }

    private T? Invalid<T>(string path, string? value, string expected)
    {
        error(path, value, expected);
        return default;
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Text(double? value) => value?.ToString(CultureInfo.InvariantCulture);
}
