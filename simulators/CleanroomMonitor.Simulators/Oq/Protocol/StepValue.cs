using System.Globalization;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>A value a generated scenario holds a sensor parameter at: a value in the parameter's unit, or for a particle
/// channel an exact raw count per sample and the concentration the service computes from it (count × 1000 / litres
/// sampled, docs/gmp.md §3).</summary>
internal sealed record StepValue(double Value, long? Count = null)
{
    /// <summary>For a particle count: what one sample of <paramref name="litres"/> with <paramref name="count"/> particles is per m³.</summary>
    public static StepValue Particles(long count, double litres) => new(count * 1000.0 / litres, count);

    public string Describe(Parameter parameter)
    {
        var unit = parameter.Info().Unit;
        return Count is { } count
            ? string.Create(CultureInfo.InvariantCulture, $"{Value:0.#}/m³ ({count} particle{(count == 1 ? "" : "s")} per sample)")
            : string.Create(CultureInfo.InvariantCulture, $"{Value:0.###} {unit}");
    }
}
