namespace CleanroomMonitor.Core.Facility;

/// <summary>What a sensor channel measures. Each parameter has one canonical unit (see <see cref="ParameterCatalog"/>);
/// readings are stored in that unit whatever the instrument reports.</summary>
public enum Parameter
{
    /// <summary>Airborne particles ≥0.5 µm per m³ (cumulative channel).</summary>
    ParticlesHalfMicron,

    /// <summary>Airborne particles ≥5.0 µm per m³ (cumulative channel).</summary>
    ParticlesFiveMicron,

    /// <summary>Differential pressure against the sensor's reference room, in Pa.</summary>
    DifferentialPressure,

    /// <summary>Absolute pressure, in Pa (lets differential pressure be computed between rooms).</summary>
    AbsolutePressure,

    /// <summary>Temperature in °C (room air, incubator chamber, freezer, fridge).</summary>
    Temperature,

    /// <summary>Relative humidity in %RH.</summary>
    RelativeHumidity,

    /// <summary>Carbon dioxide in % by volume (CO2 incubators).</summary>
    Co2,

    /// <summary>Oxygen in % by volume (hypoxic incubators, oxygen-depletion monitors by LN2 storage).</summary>
    O2,
}
