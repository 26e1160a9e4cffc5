using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CleanroomMonitor.Core.Facility;

/// <summary>The catalogue of parameters the product understands. Names are the identifiers used in the facility
/// file, in MQTT payloads and as the InfluxDB <c>parameter</c> tag.</summary>
public static class ParameterCatalog
{
    public static IReadOnlyList<ParameterInfo> All { get; } =
    [
        new(Parameter.ParticlesHalfMicron, "particles_0_5um", "1/m3", 0, double.MaxValue, 0.5),
        new(Parameter.ParticlesFiveMicron, "particles_5_0um", "1/m3", 0, double.MaxValue, 5.0),
        new(Parameter.DifferentialPressure, "differential_pressure", "Pa", -5_000, 5_000, null),
        new(Parameter.AbsolutePressure, "absolute_pressure", "Pa", 50_000, 150_000, null),
        // −200 °C covers LN2 vapour-phase storage; +200 °C covers dry-heat sterilisers' chamber probes.
        new(Parameter.Temperature, "temperature", "°C", -200, 200, null),
        new(Parameter.RelativeHumidity, "relative_humidity", "%RH", 0, 100, null),
        new(Parameter.Co2, "co2", "%", 0, 100, null),
        new(Parameter.O2, "o2", "%", 0, 100, null),
    ];

    private static readonly FrozenDictionary<string, ParameterInfo> ByName =
        All.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Parameter, ParameterInfo> ByParameter =
        All.ToFrozenDictionary(p => p.Parameter);

    public static ParameterInfo Info(this Parameter parameter) => ByParameter[parameter];

    public static string WireName(this Parameter parameter) => ByParameter[parameter].Name;

    public static bool TryParse(string name, [NotNullWhen(true)] out ParameterInfo? info) => ByName.TryGetValue(name, out info);

    public static string Names => string.Join(", ", All.Select(p => p.Name));
}
