using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Storage.Records;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public sealed class RecordJsonTests
{
    [Fact]
    public void Serialize_Excursion_WritesIdsAsStringsEnumsByNameAndKeepsTheOffset()
    {
        var json = RecordJson.Serialize(Excursion());

        Assert.Contains("\"Sensor\":\"B-FILL-PC01\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Room\":\"fill-a\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Kind\":\"Particles\"", json, StringComparison.Ordinal);
        Assert.Contains("\"StartedAt\":\"2026-01-05T08:00:00.1234567+01:00\"", json, StringComparison.Ordinal);
        Assert.Contains("≥5.0 µm", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_SerializedExcursionWithNaN_RoundTrips()
    {
        var excursion = Excursion() with { TriggerValue = double.NaN, PeakValue = double.PositiveInfinity };

        RecordAssert.Equal(excursion, RecordJson.Deserialize<Excursion>(RecordJson.Serialize(excursion)));
    }
}
