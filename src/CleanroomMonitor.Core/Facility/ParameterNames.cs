using System.Collections.Frozen;

namespace CleanroomMonitor.Core.Facility;

/// <summary>The names and units a person reads (a report, a page), beside the wire names of <see cref="ParameterCatalog"/>
/// that stay in the facility file, the API, InfluxDB and the CSV. A QA reviewer signs "≥0.5 µm particles, /m³", not
/// "particles_0_5um, 1/m3".</summary>
public static class ParameterNames
{
    private static readonly FrozenDictionary<Parameter, string> Names = new Dictionary<Parameter, string>
    {
        [Parameter.ParticlesHalfMicron] = "≥0.5 µm particles",
        [Parameter.ParticlesFiveMicron] = "≥5.0 µm particles",
        [Parameter.DifferentialPressure] = "Differential pressure",
        [Parameter.AbsolutePressure] = "Absolute pressure",
        [Parameter.Temperature] = "Temperature",
        [Parameter.RelativeHumidity] = "Relative humidity",
        [Parameter.Co2] = "CO₂",
        [Parameter.O2] = "O₂",
    }.ToFrozenDictionary();

    /// <summary>The parameter as a person reads it ("≥0.5 µm particles", "Differential pressure").</summary>
    public static string DisplayName(this Parameter parameter) => Names[parameter];

    /// <summary>The parameter's canonical unit as a person reads it: "/m³" for particle counts per cubic metre, else the
    /// catalogue's unit ("Pa", "°C", "%RH", "%").</summary>
    public static string DisplayUnit(this Parameter parameter) => DisplayUnit(parameter.Info().Unit);

    /// <summary>A catalogue unit as a person reads it; units without a nicer form are returned unchanged.</summary>
    public static string DisplayUnit(string unit) => unit switch
    {
        "1/m3" => "/m³",
        "m3" => "m³",
        _ => unit,
    };

    /// <summary>The display name of a wire name ("particles_0_5um" → "≥0.5 µm particles"); an unknown name is returned as
    /// it is, so nothing a record holds is ever dropped from a report.</summary>
    public static string DisplayName(string wireName) =>
        ParameterCatalog.TryParse(wireName, out var info) ? info.Parameter.DisplayName() : wireName;

    /// <summary>Free text (a rule, a verdict reason) with every key-like wire name ("particles_0_5um") and the unit "1/m3"
    /// replaced by their display form. Plain-word names ("temperature", "co2") read well as they are, and replacing them
    /// would also hit them inside other words ("o2" in "co2").</summary>
    public static string Readable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var info in ParameterCatalog.All.Where(p => p.Name.Contains('_', StringComparison.Ordinal)))
        {
            text = text.Replace(info.Name, info.Parameter.DisplayName(), StringComparison.Ordinal);
        }
        return text.Replace("1/m3", "/m³", StringComparison.Ordinal);
    }
}
