using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>Turns registers into a <see cref="DecodedSample"/> as the profile says. Pure: no I/O, no clock.</summary>
public static class SampleDecoder
{
    /// <summary>1 ft³ in litres (ISO 14644-1 works in m³; Lighthouse reports flow in CFM, docs/instruments.md §1.1 "Sample cycle" step 3).</summary>
    public const double LitresPerCubicFoot = 28.316846592;

    public static DecodedSample Decode(DeviceProfile profile, RegisterSnapshot registers)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(registers);
        var values = new List<SampleValue>(profile.Parameters.Count);
        var omitted = new List<string>();
        var faults = SampleFaults.None;
        foreach (var point in profile.Points)
        {
            if (point.FaultBits.Count > 0 && registers.TryDecodeRaw(point, out var bits))
            {
                var word = (long)bits;
                foreach (var (bit, fault) in point.FaultBits)
                {
                    if ((word >> bit & 1) == 1)
                    {
                        faults |= fault;
                    }
                }
            }
            if (point.Parameter is not { } parameter || !registers.TryDecodeRaw(point, out var raw))
            {
                continue;
            }
            if (point.ValidIf is { } validIf && (!registers.TryDecodeRaw(profile.Point(validIf.Point), out var mask) || ((long)mask >> validIf.Bit & 1) == 0))
            {
                omitted.Add($"{point.Id}: not valid ({validIf.Point} bit {validIf.Bit} clear)");
                continue;
            }
            if (double.IsNaN(raw) || point.InvalidRaw.Contains(raw))
            {
                omitted.Add($"{point.Id}: the device reports no value (raw {raw})");
                continue;
            }
            if (point.IsDeviceFault(raw))
            {
                // Never a concentration: the channel is left out and the rest of the sample carries the fault, so it is
                // stored flagged and judged as a sensor fault (ingest refuses a sample with no channel left).
                faults |= SampleFaults.Saturated;
                omitted.Add($"{point.Id}: device fault value (raw {raw}: {(ProfilePoint.IsSaturation(point.Type, raw) ? "saturated register" : "profile sentinel")})");
                continue;
            }
            values.Add(new SampleValue(parameter, raw * point.Scale + point.Offset, parameter.Info().IsParticleCount));
        }
        return new DecodedSample(values, Timestamp(profile, registers), Volume(profile, registers, ref faults, omitted), faults, omitted);
    }

    /// <summary>The device's own time of the sample; null when the profile has none or the device clock is unset.</summary>
    public static DateTimeOffset? Timestamp(DeviceProfile profile, RegisterSnapshot registers)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(registers);
        if (profile.Sampling.Timestamp is not { } id || !registers.TryDecode(profile.Point(id), out var seconds))
        {
            return null;
        }
        // A zero or negative time is an unset device clock: fall back to the receive time (marked as such) rather than 1970.
        return seconds > 0 && seconds < 253_402_300_800 ? DateTimeOffset.FromUnixTimeSeconds((long)seconds) : null;
    }

    private static double? Volume(DeviceProfile profile, RegisterSnapshot registers, ref SampleFaults faults, List<string> omitted)
    {
        if (profile.Volume is not { } rule)
        {
            return null;
        }
        if (rule.FlowPoint is { } flowId && rule.SampleSecondsPoint is { } secondsId
            && registers.TryDecode(profile.Point(flowId), out var flow) && registers.TryDecode(profile.Point(secondsId), out var seconds)
            && flow > 0 && seconds > 0)
        {
            // A saturated flow or sample time would divide every count by a huge volume: near-zero concentrations judged
            // as clean air. The sample is a device fault; the profile's nominal litres (if any) stand in, or ingest refuses it.
            var faulty = new[] { profile.Point(flowId), profile.Point(secondsId) }
                .Where(p => registers.TryDecodeRaw(p, out var raw) && p.IsDeviceFault(raw)).Select(p => p.Id).ToList();
            if (faulty.Count > 0)
            {
                faults |= SampleFaults.Saturated;
                omitted.Add($"{string.Join(", ", faulty)}: device fault value in the sampled volume ({(rule.Litres is { } l ? $"nominal {l} L used" : "no volume")})");
                return rule.Litres;
            }
            var litresPerMinute = profile.Point(flowId).Unit == "ft3/min" ? flow * LitresPerCubicFoot : flow;
            return litresPerMinute * seconds / 60.0;
        }
        return rule.Litres;
    }
}
