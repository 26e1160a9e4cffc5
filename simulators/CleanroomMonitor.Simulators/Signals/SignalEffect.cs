using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Simulators.Signals;

/// <summary>A scripted disturbance laid over a sensor's natural signal from <see cref="From"/> until <see cref="Until"/>
/// (sample time), or for the next <see cref="Samples"/> samples from <see cref="From"/> when that is set.</summary>
internal abstract record SignalEffect(DateTimeOffset From, DateTimeOffset Until)
{
    /// <summary>When set, the effect covers this many samples from <see cref="From"/> instead of a time span.</summary>
    public int? Samples { get; init; }

    private int _applied;

    /// <summary>How many samples the effect has disturbed so far (the current one included, once <see cref="Covers"/> said yes).</summary>
    public int Covered { get; private set; }

    /// <summary>True when the sample at <paramref name="at"/> is disturbed; counts the samples used. Called once per sample.</summary>
    public bool Covers(DateTimeOffset at)
    {
        if (at < From)
        {
            return false;
        }
        var covers = Samples is { } samples ? _applied++ < samples : at < Until;
        if (covers)
        {
            Covered++;
        }
        return covers;
    }
}

/// <summary>People moving, a glove breach, a dropped wipe: extra particles of a size (null: every channel) per m³ on top of
/// the air's mean, or an exact raw count per sample (the consecutive-count rules need exact counts), or exact counts
/// for successive samples (<see cref="Pattern"/>, repeated: the N-of-M and cumulative-volume rules need counts spread
/// over samples).</summary>
internal sealed record ParticleBurst(DateTimeOffset From, DateTimeOffset Until, Parameter? Size, double PerCubicMetre, long? Count)
    : SignalEffect(From, Until)
{
    public IReadOnlyList<long> Pattern { get; init; } = [];

    /// <summary>The exact count of the sample being made (after <see cref="SignalEffect.Covers"/> said yes), or null for a mean.</summary>
    public long? ExactCount => Pattern.Count > 0 ? Pattern[(Covered - 1) % Pattern.Count] : Count;
}

/// <summary>A parameter held at a value (a fan lost, a heater stuck, an HVAC fault drifting the room).</summary>
internal sealed record ValueOverride(DateTimeOffset From, DateTimeOffset Until, Parameter Parameter, double Value) : SignalEffect(From, Until);

/// <summary>A parameter moved by <see cref="Delta"/> (a door open dips the pressure difference).</summary>
internal sealed record ValueShift(DateTimeOffset From, DateTimeOffset Until, Parameter Parameter, double Delta) : SignalEffect(From, Until);

/// <summary>The instrument flags its samples (flow, laser...).</summary>
internal sealed record FaultEffect(DateTimeOffset From, DateTimeOffset Until, SampleFaults Faults) : SignalEffect(From, Until);

/// <summary>An equipment door (incubator) opened at <see cref="SignalEffect.From"/> and closed at <see cref="SignalEffect.Until"/>:
/// CO2 and temperature fall while it is open and recover exponentially after.</summary>
internal sealed record EquipmentDoor(DateTimeOffset From, DateTimeOffset Until, double Co2Drop, double TemperatureDrop) : SignalEffect(From, Until);

/// <summary>A freezer defrost cycle starting at <see cref="SignalEffect.From"/>: it warms by <see cref="RisePeak"/> °C, then recovers.</summary>
internal sealed record Defrost(DateTimeOffset From, DateTimeOffset Until, double RisePeak) : SignalEffect(From, Until);
