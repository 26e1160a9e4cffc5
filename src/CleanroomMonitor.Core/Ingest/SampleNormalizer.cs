using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>Turns a decoded sample into readings, or refuses it with a reason. Pure: the only clock is the
/// sample's own receive time, so every rule is testable without one.</summary>
public sealed class SampleNormalizer(FacilityDefinition facility, IngestOptions options)
{
    /// <summary>Validates the whole sample first and adds readings to <paramref name="readings"/> only when every
    /// value passes: a half-accepted sample would leave a particle counter's channels inconsistent.</summary>
    public Rejection? Normalize(SensorSample sample, ICollection<Reading> readings)
    {
        if (!facility.TryGetSensor(sample.Sensor, out var sensor))
        {
            return Reject(RejectionReason.UnknownSensor, $"sensor '{sample.Sensor}' is not in the facility definition");
        }
        if (sample.Values.Count == 0)
        {
            // A device whose every channel was saturated is failing, not quiet: counted under its own reason.
            return sample.Faults.HasFlag(SampleFaults.Saturated)
                ? Reject(RejectionReason.DeviceFault, "every channel of the sample is a device fault value (saturated or sentinel register)")
                : Reject(RejectionReason.Empty, "the sample holds no values");
        }
        var timestamp = sample.Timestamp ?? sample.ReceivedAt;
        if (timestamp - sample.ReceivedAt > options.MaxFutureSkew)
        {
            return Reject(RejectionReason.TimestampInFuture, $"timestamp {timestamp:o} is more than {options.MaxFutureSkew} ahead of the service clock");
        }
        if (sample.ReceivedAt - timestamp > options.MaxAge)
        {
            return Reject(RejectionReason.TimestampTooOld, $"timestamp {timestamp:o} is older than {options.MaxAge}");
        }
        var hasCounts = false;
        foreach (var value in sample.Values)
        {
            if (Check(sensor, value) is { } rejection)
            {
                return rejection;
            }
            hasCounts |= value.IsCount;
        }
        if (hasCounts && (sample.VolumeLitres is not (> 0 and < double.PositiveInfinity)
            || sample.Values.Any(v => v.IsCount && !double.IsFinite(v.Value * 1000.0 / sample.VolumeLitres.Value))))
        {
            return Reject(RejectionReason.InvalidVolume, $"particle counts need a positive sampled volume, got '{sample.VolumeLitres?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}'");
        }

        var timeSource = sample.Timestamp is null ? TimeSource.Receiver : TimeSource.Device;
        var faults = sample.Faults | CountConsistency(sample.Values);
        foreach (var value in sample.Values)
        {
            readings.Add(value.IsCount
                // Concentration uses the volume the counter actually sampled (flow × time), not a nominal one (docs/gmp.md §3).
                ? new Reading(sensor.Id, sensor.Room, value.Parameter, value.Value * 1000.0 / sample.VolumeLitres!.Value, timestamp, timeSource,
                    sample.ReceivedAt, (long)value.Value, sample.VolumeLitres, faults, sample.Sequence, sample.IsHistorical)
                : new Reading(sensor.Id, sensor.Room, value.Parameter, value.Value, timestamp, timeSource,
                    sample.ReceivedAt, Faults: faults, Sequence: sample.Sequence, IsHistorical: sample.IsHistorical));
        }
        return null;

        Rejection Reject(RejectionReason reason, string detail) => new(reason, sample.Origin, detail);

        // Cumulative channels: every particle ≥5.0 µm is also ≥0.5 µm, so more large than small particles in one sample
        // (same air, same volume) cannot be true. Invalid data, stored flagged and judged as a sensor fault (issue 15
        // item 5); here, because every transport (MQTT JSON, Sparkplug, Modbus) passes through this method.
        static SampleFaults CountConsistency(IReadOnlyList<SampleValue> values)
        {
            double? small = null, large = null;
            foreach (var value in values)
            {
                if (value.Parameter == Parameter.ParticlesHalfMicron)
                {
                    small = value.Value;
                }
                else if (value.Parameter == Parameter.ParticlesFiveMicron)
                {
                    large = value.Value;
                }
            }
            return large > small ? SampleFaults.InconsistentCounts : SampleFaults.None;
        }

        Rejection? Check(Sensor sensor, SampleValue value)
        {
            var info = value.Parameter.Info();
            if (!sensor.Measures(value.Parameter))
            {
                return Reject(RejectionReason.UnknownParameter, $"sensor '{sensor.Id}' does not measure {info.Name}");
            }
            if (!double.IsFinite(value.Value))
            {
                return Reject(RejectionReason.NotFinite, $"{info.Name} is {value.Value}");
            }
            if (info.IsParticleCount != value.IsCount)
            {
                return Reject(RejectionReason.WrongType, info.IsParticleCount
                    ? $"{info.Name} must be sent as a count per sample, with the sampled volume"
                    : $"{info.Name} is a value, not a count");
            }
            if (value.IsCount && value.Value < 0)
            {
                return Reject(RejectionReason.NegativeCount, $"{info.Name} count is {value.Value}");
            }
            if (value.IsCount && (value.Value != Math.Floor(value.Value) || value.Value > long.MaxValue / 2))
            {
                return Reject(RejectionReason.WrongType, $"{info.Name} count {value.Value} is not a whole number");
            }
            if (!value.IsCount && (value.Value < info.PhysicalMin || value.Value > info.PhysicalMax))
            {
                return Reject(RejectionReason.OutOfRange, $"{info.Name} = {value.Value} {info.Unit} is outside {info.PhysicalMin}..{info.PhysicalMax}");
            }
            return null;
        }
    }
}
