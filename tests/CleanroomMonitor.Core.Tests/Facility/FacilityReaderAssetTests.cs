using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Tests.Facility;

/// <summary>The optional asset data of each sensor, the calibration register's initial entry.</summary>
public sealed class FacilityReaderAssetTests
{
    private const string File = "facility.json";

    private const string AssetJson = """
        { "make": "Lighthouse", "model": "ApexR5", "serial": "SN-4711", "calibrationIntervalDays": 365,
          "lastCalibration": { "date": "2026-03-01", "certificate": "CERT-1", "result": "adjusted", "by": "Metrology Ltd" } }
        """;

    private static string Facility(string asset) => $$"""
        {
          "site": { "id": "site1", "name": "Test site", "timeZone": "UTC" },
          "rooms": [ { "id": "cr1", "name": "Suite 1", "grade": "C" } ],
          "sensors": [
            { "id": "pc1", "room": "cr1", "parameters": ["particles_0_5um"], "asset": {{asset}} },
            { "id": "th1", "room": "cr1", "parameters": ["temperature"] }
          ]
        }
        """;

    [Fact]
    public void Parse_SensorWithAsset_KeepsItAndLeavesOthersWithout()
    {
        var facility = FacilityReader.Parse(Facility(AssetJson), File);

        facility.TryGetSensor(new SensorId("pc1"), out var pc1);
        facility.TryGetSensor(new SensorId("th1"), out var th1);
        Assert.Equal(new SensorAsset("Lighthouse", "ApexR5", "SN-4711", TimeSpan.FromDays(365),
            new SensorCalibration(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), "CERT-1", CalibrationResult.Adjusted, "Metrology Ltd")), pc1!.Asset);
        Assert.Null(th1!.Asset);
    }

    [Fact]
    public void Parse_NoIntervalNoLastCalibrationDateTimeWithOffset_IntervalLeftToTheRegister()
    {
        var facility = FacilityReader.Parse(Facility("""{ "make": "Vaisala", "model": "HMW90", "serial": "S1" }"""), File);
        var timed = FacilityReader.Parse(Facility(AssetJson.Replace("\"2026-03-01\"", "\"2026-03-01T10:30:00+01:00\"", StringComparison.Ordinal)), File);

        Assert.Equal(new SensorAsset("Vaisala", "HMW90", "S1", null, null), facility.Sensors[0].Asset);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero), timed.Sensors[0].Asset!.LastCalibration!.CalibratedAt);
    }

    [Fact]
    public void Parse_BadAssetValues_EveryOneNamedWithPathAndValue()
    {
        var text = Facility("""
            { "make": " ", "model": "ApexR5", "serial": "SN-4711", "calibrationIntervalDays": 0,
              "lastCalibration": { "date": "01.03.2026", "certificate": "CERT-1", "result": "ok", "by": "" } }
            """);

        var errors = Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(text, File)).Errors;

        Assert.All(errors, e => Assert.Equal(File, e.File));
        Assert.Equal(
            [
                ("$.sensors[0].asset.make", " "), ("$.sensors[0].asset.calibrationIntervalDays", "0"), ("$.sensors[0].asset.lastCalibration.date", "01.03.2026"),
                ("$.sensors[0].asset.lastCalibration.result", "ok"), ("$.sensors[0].asset.lastCalibration.by", ""),
            ],
            errors.Select(e => (e.Path, e.Value)));
        Assert.Contains("pass, adjusted or fail", errors.Single(e => e.Path.EndsWith(".result", StringComparison.Ordinal)).Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DateTimeWithoutOffset_Refused()
    {
        var text = Facility(AssetJson.Replace("\"2026-03-01\"", "\"2026-03-01T10:30:00\"", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(text, File)).Errors);

        Assert.Equal(("$.sensors[0].asset.lastCalibration.date", "2026-03-01T10:30:00"), (error.Path, error.Value));
    }
}
