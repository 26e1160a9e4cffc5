using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Simulators.Tests.Scenarios;

/// <summary>The OQ kit's check of an excursion record's values against the readings stored for it (issue 24).</summary>
public sealed class RecordedValuesTests
{
    private static readonly FacilityDefinition Oq = FacilityReader.Load(Path.Combine(RepositoryPaths.Root, "deploy", "config", "facility.oq.json"));
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The incubator's door left open: CO2 falls through its alert (4.5 %) and action (4.0 %) minima and recovers.</summary>
    private static readonly (DateTimeOffset At, double Value)[] Stored =
        [(T0, 4.3), (T0.AddSeconds(30), 3.9), (T0.AddSeconds(60), 3.74), (T0.AddSeconds(90), 4.4), (T0.AddSeconds(120), 5.04)];

    private static JsonElement Record(double peak, DateTimeOffset peakAt, double trigger = 4.3, DateTimeOffset? ended = null, string? version = "0a1b2c",
        bool open = false) =>
        JsonSerializer.SerializeToElement(new
        {
            kind = "Equipment", sensor = "store-inc1", parameter = "Co2", state = "AtRest", level = "Action",
            triggerValue = trigger, limit = 4.0, limitsVersion = version, startedAt = T0,
            endedAt = open ? (DateTimeOffset?)null : ended ?? T0.AddSeconds(120), peakValue = peak, peakAt,
        });

    [Fact]
    public void PeakAtTheReturnValue_TheCo2DefectOfIssue24_Fails()
    {
        var (passed, observed) = RecordedValues.Check(Record(peak: 5.04, peakAt: T0.AddSeconds(120)), Oq, Stored);

        Assert.False(passed);
        Assert.Contains("peak 5.04 recorded, but the stored readings went down to 3.74", observed, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesAsStored_Passes_NamingTheLowSide()
    {
        var (passed, observed) = RecordedValues.Check(Record(peak: 3.74, peakAt: T0.AddSeconds(60)), Oq, Stored);

        Assert.True(passed, observed);
        Assert.Contains("low-side limit 4", observed, StringComparison.Ordinal);
        Assert.Contains("consistent with the 5 stored reading(s)", observed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3.74, 30, 4.3, 120, "0a1b2c", "peak time")]
    [InlineData(3.74, 60, 4.2, 120, "0a1b2c", "trigger 4.2 is not a value stored")]
    [InlineData(3.74, 60, 4.3, 100, "0a1b2c", "is not the time of a stored reading")]
    [InlineData(3.74, 60, 4.3, 120, null, "no limits version")]
    public void ARecordedValueNotAsStored_Fails(double peak, int peakAtSeconds, double trigger, int endedSeconds, string? version, string says)
    {
        var (passed, observed) = RecordedValues.Check(
            Record(peak, T0.AddSeconds(peakAtSeconds), trigger, T0.AddSeconds(endedSeconds), version), Oq, Stored);

        Assert.False(passed);
        Assert.Contains(says, observed, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenExcursion_PeakAndEndNotChecked_SaysSo()
    {
        var (passed, observed) = RecordedValues.Check(Record(peak: 4.3, peakAt: T0, open: true), Oq, Stored);

        Assert.True(passed, observed);
        Assert.Contains("still open (peak and end not checked)", observed, StringComparison.Ordinal);
    }

    [Fact]
    public void NoStoredReading_Fails()
    {
        var (passed, observed) = RecordedValues.Check(Record(peak: 3.74, peakAt: T0.AddSeconds(60)), Oq, []);

        Assert.False(passed);
        Assert.Contains("no stored reading between its start and end", observed, StringComparison.Ordinal);
    }
}
