using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Tests.Excursions;

namespace CleanroomMonitor.Core.Tests.Calibration;

/// <summary>What the register refuses, and where an instrument stands after its moves.</summary>
public sealed class InstrumentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Sensor Pcb = TrackerFacility.Create().Sensors.Single(s => s.Id == new SensorId("pcb"));

    [Fact]
    public void CheckAsset_Complete_Accepted()
    {
        Assert.Null(InstrumentRules.CheckAsset("Lighthouse", "3104P", "SN-1", "filling line", TimeSpan.FromDays(365), "commissioned"));
    }

    [Theory]
    [InlineData(null, "serialNumber", 365, "serialNumber is required")]
    [InlineData("SN-1", "", 365, "location is required")]
    [InlineData("SN-1", "line", 0, "calibrationIntervalDays must be between 1 and 3653 days")]
    [InlineData("SN-1", "line", 4000, "calibrationIntervalDays must be between 1 and 3653 days")]
    public void CheckAsset_Incomplete_Refused(string? serial, string location, int days, string expected)
    {
        Assert.Equal(expected, InstrumentRules.CheckAsset("Lighthouse", "3104P", serial, location, TimeSpan.FromDays(days), "commissioned"));
    }

    [Fact]
    public void CheckCalibration_InTheFuture_Refused()
    {
        var problem = InstrumentRules.CheckCalibration(Now.AddDays(1), "C-1", CalibrationResult.Pass, "Metrology Ltd", Now);

        Assert.Contains("is in the future", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckCalibration_NoCertificate_Refused()
    {
        Assert.Equal("certificateReference is required", InstrumentRules.CheckCalibration(Now, " ", CalibrationResult.Pass, "Metrology Ltd", Now));
    }

    [Fact]
    public void CheckCalibration_UndefinedResult_Refused()
    {
        Assert.Equal("result must be pass, adjusted or fail", InstrumentRules.CheckCalibration(Now, "C-1", (CalibrationResult)7, "Metrology Ltd", Now));
    }

    [Fact]
    public void CheckRelocation_AnotherRoom_RefusedAsAFacilityChange()
    {
        var problem = InstrumentRules.CheckRelocation(Pcb, "bench", "al1", "airlock door", "moved");

        Assert.Equal("the facility file places sensor 'pcb' in room 'cr1'; moving it to room 'al1' is a change of the facility file", problem);
    }

    [Fact]
    public void CheckRelocation_SamePlace_Refused()
    {
        Assert.Equal("sensor 'pcb' is at 'bench' already", InstrumentRules.CheckRelocation(Pcb, "bench", "cr1", "bench", "back"));
    }

    [Fact]
    public void CheckRelocation_NoReason_Refused()
    {
        Assert.Equal("reason is required", InstrumentRules.CheckRelocation(Pcb, "bench", null, "filling line", ""));
    }

    [Fact]
    public void Location_MovedAfterTheAssetEntry_TheMoveDestination()
    {
        var asset = new InstrumentAsset(Pcb.Id, "Lighthouse", "3104P", "SN-1", "bench", TimeSpan.FromDays(365), Now, "eng", "commissioned");
        var move = new InstrumentRelocation(Guid.NewGuid(), Pcb.Id, Pcb.Room, "bench", Pcb.Room, "filling line", Now.AddDays(2), "eng", "after service");

        var history = new InstrumentHistory(Pcb.Id, [asset], [], [move]);

        Assert.Equal("filling line", history.Location);
        Assert.Equal("bench", (history with { Relocations = [] }).Location);
    }
}
