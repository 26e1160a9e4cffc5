using System.Text;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Storage.Tests.Influx;

/// <summary>How a reading becomes a line of the InfluxDB schema (docs/influxdb-schema.md), here the calibration flag.</summary>
public sealed class ReadingPointsTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_767_600_000_123);

    private static readonly FacilityDefinition Facility = FacilityReader.Parse("""
        {
          "site": { "id": "s1", "name": "Site", "timeZone": "Europe/Berlin" },
          "rooms": [ { "id": "cr1", "name": "Suite 1", "grade": "C" } ],
          "sensors": [ { "id": "cr1-t1", "room": "cr1", "parameters": ["temperature"] } ]
        }
        """, "facility.json");

    private static readonly ReadingPoints Sut = new(Facility);

    private static string Line(CalibrationState? calibration) =>
        Encoding.UTF8.GetString(Sut.ToLine(new Reading(new SensorId("cr1-t1"), new RoomId("cr1"), Parameter.Temperature, 20.5, T0, TimeSource.Device, T0,
            Calibration: calibration)));

    [Theory]
    [InlineData(CalibrationState.Overdue, "overdue")]
    [InlineData(CalibrationState.Failed, "failed")]
    public void ToLine_UnfitInstrument_CalibrationIsAStringFieldNotATag(CalibrationState state, string word)
    {
        var line = Line(state);

        Assert.Equal($"reading,grade=C,parameter=temperature,room=cr1,sensor=cr1-t1,site=s1 value=20.5,faults=0i,calibration=\"{word}\" 1767600000123", line);
    }

    [Fact]
    public void ToLine_CalibratedInstrument_NoCalibrationField()
    {
        var line = Line(null);

        Assert.DoesNotContain("calibration", line, StringComparison.Ordinal);
        Assert.Equal(Line(null).Split(' ')[0], Line(CalibrationState.Overdue).Split(' ')[0]);   // same series either way
    }
}
