using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>/api/instruments through the real service, broker and InfluxDB (docs/instruments.md "Calibration register"):
/// who may enter what, the warning as an alert-level Calibration excursion, its escalation when overdue, readings stored
/// flagged while overdue, and the return on a passing calibration.</summary>
[Collection(WebTestGroup.Name)]
public sealed class CalibrationApiTests(WebRig fixture)
{
    private MonitorRig Rig => fixture.Rig;

    private static object Asset(int intervalDays, string reason) =>
        new { make = "Vaisala", model = "HMP110", serialNumber = "S1234567", location = "wall by the pass-through", calibrationIntervalDays = intervalDays, reason };

    private static object Calibrated(DateTimeOffset at, string certificate, string result = "pass") =>
        new { calibratedAt = at, certificateReference = certificate, result, performedBy = "Metrology Ltd (J. Smith)" };

    [Fact]
    public async Task Instruments_ViewerAdminOtherTenantAndBadEntries_RefusedAndNothingStored()
    {
        using var viewer = await PageClient.SignInAsync(Rig, "viewer");
        using var admin = await PageClient.SignInAsync(Rig, "admin");
        using var cellco = await PageClient.SignInAsync(Rig, "cellco-op");
        using var op = await PageClient.SignInAsync(Rig, "op");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutJsonAsync("/api/instruments/dp1/asset", Asset(365, "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutJsonAsync("/api/instruments/dp1/asset", Asset(365, "x"))).StatusCode);
        // dp1 is in cr1, helix-bio's: to cellco it does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.GetAsync("/api/instruments/dp1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.PutJsonAsync("/api/instruments/dp1/asset", Asset(365, "not ours"))).StatusCode);
        var visible = await (await cellco.GetAsync("/api/instruments")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["th2"], visible.EnumerateArray().Select(i => i.GetProperty("sensor").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await op.PutJsonAsync("/api/instruments/nope/asset", Asset(365, "x"))).StatusCode);

        var noInterval = await op.PutJsonAsync("/api/instruments/dp1/asset", Asset(0, "commissioned"));
        Assert.Equal(HttpStatusCode.BadRequest, noInterval.StatusCode);
        Assert.Contains("calibrationIntervalDays", await noInterval.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notRegistered = await op.PostJsonAsync("/api/instruments/dp1/calibrations", Calibrated(DateTimeOffset.UtcNow, "C-0"));
        Assert.Equal(HttpStatusCode.BadRequest, notRegistered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.PutJsonAsync("/api/instruments/dp1/asset", Asset(365, WebRig.Unique("commissioned")))).StatusCode);
        var future = await op.PostJsonAsync("/api/instruments/dp1/calibrations", Calibrated(DateTimeOffset.UtcNow.AddDays(2), "C-1"));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("in the future", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var otherRoom = await op.PostJsonAsync("/api/instruments/dp1/relocations", new { toRoom = "al1", toLocation = "airlock", reason = "moved" });
        Assert.Equal(HttpStatusCode.BadRequest, otherRoom.StatusCode);

        var detail = await (await op.GetAsync("/api/instruments/dp1")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, detail.GetProperty("calibrations").GetArrayLength());
        Assert.Equal(0, detail.GetProperty("relocations").GetArrayLength());
        Assert.Equal("NeverCalibrated", detail.GetProperty("instrument").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Calibration_DueSoonThenOverdueThenPassed_WarnedEscalatedFlaggedInInfluxAndReturned()
    {
        using var op = await PageClient.SignInAsync(Rig, "op");
        using var qa = await PageClient.SignInAsync(Rig, "qa");
        var certificate = WebRig.Unique("CAL");
        Assert.Equal(HttpStatusCode.OK, (await op.PutJsonAsync("/api/instruments/th1/asset", Asset(30, WebRig.Unique("commissioned")))).StatusCode);

        // Calibrated 20 days ago on a 30-day interval: due in 10 days, inside the 14-day warning.
        var calibrated = await qa.PostJsonAsync("/api/instruments/th1/calibrations", Calibrated(DateTimeOffset.UtcNow.AddDays(-20), certificate));
        Assert.Equal(HttpStatusCode.Created, calibrated.StatusCode);
        Assert.Equal("qa", (await calibrated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enteredBy").GetString());
        var warning = await WaitForCalibrationLevelAsync("Alert", "the calibration warning");
        Assert.Contains("calibration due on", warning.GetProperty("rule").GetString(), StringComparison.Ordinal);

        // The interval shortened to 15 days: due 5 days ago, overdue.
        Assert.Equal(HttpStatusCode.OK, (await op.PutJsonAsync("/api/instruments/th1/asset", Asset(15, "interval shortened after a drift trend"))).StatusCode);
        var overdue = await WaitForCalibrationLevelAsync("Action", "the overdue escalation");
        Assert.Equal(warning.GetProperty("id").GetGuid(), overdue.GetProperty("id").GetGuid());
        var list = await (await op.GetAsync("/api/instruments")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Overdue", list.EnumerateArray().Single(i => i.GetProperty("sensor").GetString() == "th1").GetProperty("state").GetString());

        var ts = DateTimeOffset.UtcNow;
        await Rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{ts.ToString("O", CultureInfo.InvariantCulture)}}}","values":{"temperature":21}}""");
        await Rig.WaitForPointsAsync(1, TimeSpan.FromSeconds(20), "WHERE \"sensor\" = 'th1' AND \"calibration\" = 'overdue'");

        Assert.Equal(HttpStatusCode.Created, (await op.PostJsonAsync("/api/instruments/th1/calibrations", Calibrated(DateTimeOffset.UtcNow, certificate + "-2", "adjusted"))).StatusCode);
        await MonitorRig.WaitUntilAsync(async _ => await FindExcursionAsync(overdue.GetProperty("id").GetGuid()) is { } e && e.GetProperty("endedAt").ValueKind != JsonValueKind.Null,
            TimeSpan.FromSeconds(20), "the return on a passing calibration");
        var audit = await Rig.Http.GetStringAsync(new Uri("/api/audit?entity=th1", UriKind.Relative));
        Assert.Contains("instrument.asset-changed", audit, StringComparison.Ordinal);
        Assert.Contains("instrument.calibrated", audit, StringComparison.Ordinal);
        Assert.Contains(certificate, audit, StringComparison.Ordinal);
    }

    private async Task<JsonElement> WaitForCalibrationLevelAsync(string level, string what)
    {
        await MonitorRig.WaitUntilAsync(async _ => await CalibrationExcursionAsync() is { } e && e.GetProperty("level").GetString() == level,
            TimeSpan.FromSeconds(20), what);
        return (await CalibrationExcursionAsync())!.Value;
    }

    private async Task<JsonElement?> CalibrationExcursionAsync()
    {
        var list = await Rig.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/excursions?sensor=th1", UriKind.Relative));
        return list.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "Calibration" && e.GetProperty("endedAt").ValueKind == JsonValueKind.Null)
            .Select(e => (JsonElement?)e).FirstOrDefault();
    }

    private async Task<JsonElement?> FindExcursionAsync(Guid id)
    {
        var list = await Rig.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/excursions?sensor=th1", UriKind.Relative));
        return list.EnumerateArray().Where(e => e.GetProperty("id").GetGuid() == id).Select(e => (JsonElement?)e).FirstOrDefault();
    }
}
