using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>How a parameter is shown: its title, Grafana unit, and the aggregate per time bucket. Particle panels show
/// the bucket's maximum, so zooming out never hides a spike above a limit; the others show the mean.</summary>
public static class ParameterDisplay
{
    public static string Title(Parameter parameter) => parameter switch
    {
        Parameter.ParticlesHalfMicron => "Particles ≥0.5 µm per m³",
        Parameter.ParticlesFiveMicron => "Particles ≥5.0 µm per m³",
        Parameter.DifferentialPressure => "Differential pressure (Pa)",
        Parameter.AbsolutePressure => "Absolute pressure (Pa)",
        Parameter.Temperature => "Temperature (°C)",
        Parameter.RelativeHumidity => "Relative humidity (%RH)",
        Parameter.Co2 => "CO2 (%)",
        Parameter.O2 => "O2 (%)",
        _ => parameter.WireName(),
    };

    public static string Unit(Parameter parameter) => parameter switch
    {
        Parameter.ParticlesHalfMicron or Parameter.ParticlesFiveMicron => "suffix: /m³",
        Parameter.DifferentialPressure or Parameter.AbsolutePressure => "suffix: Pa",
        Parameter.Temperature => "celsius",
        Parameter.RelativeHumidity => "humidity",
        _ => "percent",
    };

    public static string Aggregate(Parameter parameter) => parameter.Info().IsParticleCount ? "max" : "mean";
}
