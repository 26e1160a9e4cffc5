namespace CleanroomMonitor.Core.Facility;

/// <summary>The fixed facts of a parameter: its name on the wire and in InfluxDB, its canonical unit, and the
/// physically possible range used to reject decoding garbage (not a GMP limit). <see cref="ParticleSizeMicrometres"/>
/// is the channel's lower size bound for particle parameters, otherwise null.</summary>
public sealed record ParameterInfo(Parameter Parameter, string Name, string Unit, double PhysicalMin, double PhysicalMax, double? ParticleSizeMicrometres)
{
    public bool IsParticleCount => ParticleSizeMicrometres is not null;
}
