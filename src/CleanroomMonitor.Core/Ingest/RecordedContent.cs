using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>What a stored point of a reading holds besides its series and time: two readings of one instant with equal
/// content are the same point; with different content, one would overwrite the other in InfluxDB.</summary>
/// <param name="Value">The value in the parameter's canonical unit.</param>
/// <param name="Count">The raw particle count, for particle channels.</param>
/// <param name="VolumeLitres">The sampled volume, for particle channels.</param>
/// <param name="Faults">The instrument's fault flags.</param>
public readonly record struct RecordedContent(double Value, long? Count, double? VolumeLitres, SampleFaults Faults)
{
    public static RecordedContent Of(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new(reading.Value, reading.Count, reading.VolumeLitres, reading.Faults);
    }

    /// <summary>The content as a person reads it in a rejection or an excursion: the value with its unit, the count and
    /// volume it came from, and any fault flags.</summary>
    public string Describe(Parameter parameter)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Value} {parameter.Info().Unit}");
        if (Count is { } count)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" (count {count} in {VolumeLitres} L)");
        }
        return Faults == SampleFaults.None ? text : $"{text} [{Faults}]";
    }
}
