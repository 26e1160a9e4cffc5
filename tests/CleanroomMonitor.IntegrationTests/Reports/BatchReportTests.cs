using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.IntegrationTests.Reports;

/// <summary>The batch EM report end to end: history written into a real influxd, a live excursion through the broker and
/// the engine, signatures through the API, and the report read back as JSON, CSV, HTML page and PDF.</summary>
public sealed class BatchReportTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = MonitorRig.Json;
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri Url(string path) => new(path, UriKind.Relative);

    /// <summary>Starts a batch two hours ago in cr1 and writes a reading a minute for every cr1 sensor since then.
    /// Temperature: normal around 20 °C, five samples at 23.5 (alert: 23) and two at 25.5 (action: 25).</summary>
    private async Task<(DateTimeOffset Start, int Written, List<double> Temperatures)> StartBatchWithHistoryAsync(string number, string product = "CAR-T")
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(-2);
        var started = await _rig.Http.PostAsJsonAsync(Url("/api/batches"),
            new { number, product, tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open", startedAt = start });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        var readings = new List<Reading>();
        var temperatures = new List<double>();
        var written = 0;
        for (var at = start; at < now.AddSeconds(-5); at = at.AddMinutes(1), written++)
        {
            var temperature = written switch
            {
                >= 10 and < 15 => 23.5,
                50 or 51 => 25.5,
                _ => 20 + written % 7 * 0.1,
            };
            temperatures.Add(temperature);
            readings.Add(ReportData.At("th1", "cr1", Parameter.Temperature, temperature, at));
            readings.Add(ReportData.At("th1", "cr1", Parameter.RelativeHumidity, 45, at));
            readings.Add(ReportData.At("pc1", "cr1", Parameter.ParticlesHalfMicron, 1000, at));
            readings.Add(ReportData.At("pc1", "cr1", Parameter.ParticlesFiveMicron, 0, at));
            readings.Add(ReportData.At("dp1", "cr1", Parameter.DifferentialPressure, 15, at));
        }
        await ReportData.WriteAsync(_rig, readings);
        return (start, written, temperatures);
    }

    private Task PublishTemperatureAsync(double value) =>
        _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{_rig.NextInstant():O}}}","values":{"temperature":{{{value}}}}}""");

    private static async Task<BatchReport> ReportAsync(HttpClient client, string number) =>
        (await client.GetFromJsonAsync<BatchReport>(Url($"/api/batches/{number}/report"), Json))!;

    private async Task<Excursion> WaitForExcursionAsync(string number, Func<Excursion, bool> condition, string what)
    {
        Excursion? found = null;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            var list = await _rig.Http.GetFromJsonAsync<List<Excursion>>(Url($"/api/excursions?batch={number}"), Json, ct);
            found = list!.FirstOrDefault(condition);
            return found is not null;
        }, Patience, what);
        return found!;
    }

    [Fact]
    public async Task Report_ExcursionDuringBatch_ListedFirstWithFiguresAndReleasedOnlyOnceClosed()
    {
        var (start, written, temperatures) = await StartBatchWithHistoryAsync("RPT-1");
        await PublishTemperatureAsync(24.2);
        var raised = await WaitForExcursionAsync("RPT-1", e => e.Kind == ExcursionKind.Temperature, "the temperature excursion");
        await PublishTemperatureAsync(21);
        await WaitForExcursionAsync("RPT-1", e => e.Id == raised.Id && e.EndedAt is not null, "the excursion to return to normal");
        temperatures.AddRange([24.2, 21]);
        await _rig.WaitForPointsAsync(written + 2, Patience, "WHERE \"sensor\" = 'th1' AND \"parameter\" = 'temperature'");
        Assert.Equal(HttpStatusCode.OK, (await _rig.Http.PostAsync(Url("/api/batches/RPT-1/end"), null)).StatusCode);

        var open = await ReportAsync(_rig.Http, "RPT-1");

        Assert.Equal(start, open.From);
        Assert.False(open.Verdict.ClearForRelease);
        var first = open.Excursions[0];
        Assert.Equal(raised.Id, first.Id);
        Assert.True(first.NeedsDecision);
        Assert.True(first.IsLinked);
        Assert.Equal(ExcursionStatus.ReturnedUnacknowledged, first.Status);
        Assert.Equal(LimitLevel.Alert, first.Level);
        Assert.Null(first.ImpactDecision);
        Assert.Contains(open.Verdict.Reasons, r => r.Contains(raised.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains(open.AuditTrail, a => a.Action == "excursion.raised" && a.EntityId == raised.Id.ToString());
        Assert.Contains(open.AuditTrail, a => a.Action == "batch.ended");
        Assert.Empty(open.DataChanges);
        Assert.Equal(_rig.Facility.Version, open.FacilityVersion);

        var temperature = Assert.Single(open.Statistics, s => s.Sensor == "th1" && s.Parameter == "temperature");
        Assert.Equal(temperatures.Count, temperature.Samples);
        Assert.Equal(temperatures.Min(), temperature.Min);
        Assert.Equal(temperatures.Max(), temperature.Max);
        Assert.Equal(temperatures.Average(), temperature.Mean!.Value, 9);
        Assert.True(temperature.IsJudged);
        Assert.Equal(6, temperature.AlertSamples);    // five at 23.5 and the live 24.2
        Assert.Equal(2, temperature.ActionSamples);   // 25.5 twice
        Assert.Equal(TimeSpan.FromMinutes(6), temperature.TimeInAlert);
        Assert.Equal(TimeSpan.FromMinutes(2), temperature.TimeInAction);
        var humidity = Assert.Single(open.Statistics, s => s.Sensor == "th1" && s.Parameter == "relative_humidity");
        Assert.False(humidity.IsJudged);
        Assert.Equal(45, humidity.Mean);

        var expected = (long)Math.Floor((open.To - open.From) / TimeSpan.FromMinutes(1));
        foreach (var sensor in new[] { "pc1", "th1", "dp1" })
        {
            var completeness = Assert.Single(open.Completeness, c => c.Sensor == sensor);
            Assert.Equal(written, completeness.Received);
            Assert.Equal(expected, completeness.Expected);
            // The edge sample of the half-open window is not counted beyond the whole intervals: never above 100 %.
            Assert.Equal((double)Math.Min(written, expected) / expected, completeness.Ratio, 9);
            Assert.False(completeness.IsUnexplainedGap);
        }
        var limits = Assert.Single(open.Limits, l => l.Sensor == "th1" && l.Parameter == "temperature");
        Assert.Equal("InOperation", limits.State);
        Assert.Equal(limits.Version, limits.RecordedVersion);

        using var op = await _rig.SignInAsync("op");
        using var qa = await _rig.SignInAsync("qa");
        var ack = await op.PostAsJsonAsync(Url($"/api/excursions/{raised.Id}/acknowledge"),
            new { userName = "op", password = MonitorRig.Password, cause = "HVAC or filter", comment = "HVAC checked", immediateAction = "reheat valve reset" });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var close = await qa.PostAsJsonAsync(Url($"/api/excursions/{raised.Id}/close"), new
        {
            userName = "qa", password = MonitorRig.Password, deviation = "DEV-2026-201", comment = "short warm spell, product closed", capa = "CAPA-12",
            impacts = new[] { new ProductImpact("RPT-1", "no impact", "closed vessels; temperature within product range") },
        });
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);

        var closedOnly = await ReportAsync(_rig.Http, "RPT-1");

        // The live breach is inside the closed excursion; the history's five alert and two action samples raised none (they
        // reached InfluxDB without passing the engine), so the data still blocks release until QA reviews those two runs.
        Assert.False(closedOnly.Verdict.ClearForRelease);
        Assert.Equal(raised.Id, Assert.Single(closedOnly.BreachRuns, r => r.ExplainedBy is not null).ExplainedBy);
        var unexplained = closedOnly.BreachRuns.Where(r => r.IsUnexplained).OrderBy(r => r.First).ToList();
        Assert.Equal([(LimitLevel.Alert, 5L, start.AddMinutes(10)), (LimitLevel.Action, 2L, start.AddMinutes(50))],
            unexplained.Select(r => (r.Level, r.Count, r.First)).ToList());
        Assert.Equal(2, closedOnly.Verdict.Reasons.Count);
        var review = await qa.PostAsJsonAsync(Url("/api/batches/RPT-1/breach-review"), new
        {
            userName = "qa", password = MonitorRig.Password, reason = "HVAC rebalancing logged in WO-88; vessels closed",
            runs = unexplained.Select(r => new BreachRunReference(r.Sensor, r.Parameter, r.Level, r.First, r.Last, r.Count)).ToArray(),
        });
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);

        var closed = await ReportAsync(_rig.Http, "RPT-1");

        Assert.True(closed.Verdict.ClearForRelease, string.Join("; ", closed.Verdict.Reasons));
        var decided = closed.Excursions[0];
        Assert.False(decided.NeedsDecision);
        Assert.Equal("no impact", decided.ImpactDecision);
        Assert.Equal("closed vessels; temperature within product range", decided.ImpactReason);
        Assert.Equal("Test op", decided.Acknowledgement!.PrintedName);
        Assert.Equal("acknowledged", decided.Acknowledgement.Meaning);
        Assert.Equal("Test qa", decided.Closure!.PrintedName);
        Assert.Equal("reviewed and closed", decided.Closure.Meaning);
        Assert.Equal("DEV-2026-201", decided.Deviation);
        Assert.Contains(closed.AuditTrail, a => a.Action == "excursion.closed");

        var csv = await _rig.Http.GetAsync(Url("/api/batches/RPT-1/report.csv"));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var rows = CsvReader.Parse(await csv.Content.ReadAsStringAsync());
        Assert.Equal(["section", "subject", "field", "value"], rows[0]);
        Assert.All(rows, r => Assert.Equal(4, r.Count));
        string Cell(string section, string subject, string field) => Assert.Single(rows, r => r[0] == section && r[1] == subject && r[2] == field)[3];
        Assert.Equal("true", Cell("verdict", "RPT-1", "clearForRelease"));
        Assert.Equal("no impact", Cell("excursion", raised.Id.ToString(), "impactDecision"));
        Assert.Equal("closed vessels; temperature within product range", Cell("excursion", raised.Id.ToString(), "impactReason"));
        Assert.Equal("6", Cell("statistics", "th1/temperature", "alertSamples"));
        Assert.Equal("360", Cell("statistics", "th1/temperature", "timeInAlertSeconds"));
        Assert.Equal(written.ToString(System.Globalization.CultureInfo.InvariantCulture), Cell("completeness", "pc1", "received"));
        Assert.Equal(temperatures.Max(), double.Parse(Cell("statistics", "th1/temperature", "max"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Report_LateReadingAfterTheBatchEnded_ExcursionFlaggedFoundLateExplainsItsRunAndBlocksRelease()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var started = await _rig.Http.PostAsJsonAsync(Url("/api/batches"),
            new { number = "RPT-L", product = "CAR-T", tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open", startedAt = now.AddMinutes(-10),
                reason = "entered after the fact" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var ended = await _rig.Http.PostAsJsonAsync(Url("/api/batches/RPT-L/end"), new { endedAt = now.AddMinutes(-2), reason = "entered after the fact" });
        Assert.True(ended.IsSuccessStatusCode, await ended.Content.ReadAsStringAsync());
        // A plain MQTT reading of the batch's time, past the 25 °C action limit, delivered after the batch ended.
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{now.AddMinutes(-5):O}}}","values":{"temperature":26.5}}""");
        var late = await WaitForExcursionAsync("RPT-L", e => e.Kind == ExcursionKind.Temperature, "the found-late excursion");
        await _rig.WaitForPointsAsync(1, Patience, "WHERE \"sensor\" = 'th1' AND \"parameter\" = 'temperature'");

        var report = await ReportAsync(_rig.Http, "RPT-L");

        var listed = Assert.Single(report.Excursions, e => e.Id == late.Id);
        Assert.True(listed.FoundLate);
        Assert.False(listed.FromHistoricalData);
        Assert.False(report.Verdict.ClearForRelease);
        Assert.Contains(report.Verdict.Reasons, r => r.Contains(late.Id.ToString(), StringComparison.Ordinal) && r.Contains("found late", StringComparison.Ordinal));
        var run = Assert.Single(report.BreachRuns);
        Assert.Equal((LimitLevel.Action, now.AddMinutes(-5), late.Id), (run.Level, run.First, run.ExplainedBy));
        var page = await _rig.Http.GetStringAsync(Url("/reports/batch/RPT-L"));
        Assert.Contains("found late (after the batch ended)", page, StringComparison.Ordinal);
        var csv = CsvReader.Parse(await (await _rig.Http.GetAsync(Url("/api/batches/RPT-L/report.csv"))).Content.ReadAsStringAsync());
        Assert.Equal("true", Assert.Single(csv, r => r[0] == "excursion" && r[1] == late.Id.ToString() && r[2] == "foundLate")[3]);
    }

    [Fact]
    public async Task Report_NonMonitoringWindowDeclaredBeforeTheBatch_BlocksReleaseUntilQaClosesItsSystemExcursion()
    {
        using var op = await _rig.SignInAsync("op");
        using var qa = await _rig.SignInAsync("qa");
        var from = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds());
        var declared = await op.PostAsJsonAsync(Url("/api/rooms/cr1/windows"), new { kind = "non-monitoring", from, to = from.AddHours(1), reason = "fumigation" });
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        var system = Assert.Single((await _rig.Http.GetFromJsonAsync<List<Excursion>>(Url("/api/excursions?room=cr1"), Json))!, e => e.Kind == ExcursionKind.System);
        Assert.Empty(system.Batches);   // raised at the declaration, before the batch: linked to no batch, outside its period
        var started = await _rig.Http.PostAsJsonAsync(Url("/api/batches"),
            new { number = "RPT-W", product = "CAR-T", tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        await MonitorRig.WaitUntilAsync(async ct => (await _rig.Http.GetFromJsonAsync<List<RoomStatusView>>(Url("/api/rooms"), Json, ct))!
            .Single(r => r.Id == "cr1").State == "NotMonitored", Patience, "the window to begin");
        Assert.Equal(HttpStatusCode.OK, (await _rig.Http.PostAsync(Url("/api/batches/RPT-W/end"), null)).StatusCode);

        var open = await ReportAsync(_rig.Http, "RPT-W");

        Assert.False(open.Verdict.ClearForRelease);
        Assert.Contains(open.Excursions, e => e.Id == system.Id && !e.IsLinked);
        Assert.Contains(open.Verdict.Reasons, r => r.Contains("was not monitored", StringComparison.Ordinal) && r.Contains("fumigation", StringComparison.Ordinal));

        var ack = await op.PostAsJsonAsync(Url($"/api/excursions/{system.Id}/acknowledge"),
            new { userName = "op", password = MonitorRig.Password, cause = "other", comment = "fumigation planned", immediateAction = "none" });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var close = await qa.PostAsJsonAsync(Url($"/api/excursions/{system.Id}/close"),
            new { userName = "qa", password = MonitorRig.Password, deviation = "DEV-7", comment = "window reviewed, justified" });
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);

        var closed = await ReportAsync(_rig.Http, "RPT-W");

        Assert.DoesNotContain(closed.Verdict.Reasons, r => r.Contains("was not monitored", StringComparison.Ordinal));
        Assert.DoesNotContain(closed.Verdict.Reasons, r => r.Contains(system.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_SampleStoredOutOfService_NotABreachRunButThePeriodBlocksUntilItsSystemExcursionIsClosed()
    {
        using var op = await _rig.SignInAsync("op");
        var started = await _rig.Http.PostAsJsonAsync(Url("/api/batches"),
            new { number = "RPT-O", product = "CAR-T", tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var taken = await op.PostAsJsonAsync(Url("/api/rooms/cr1/out-of-service"),
            new { sensor = "th1", expectedEnd = DateTimeOffset.UtcNow.AddHours(1), reason = "probe calibration" });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        await PublishTemperatureAsync(30);   // beyond the 25 °C action limit, but the probe is being calibrated
        await _rig.WaitForPointsAsync(1, Patience, "WHERE \"sensor\" = 'th1' AND \"parameter\" = 'temperature' AND \"out_of_service\" = true");
        Assert.Equal(HttpStatusCode.OK, (await _rig.Http.PostAsync(Url("/api/batches/RPT-O/end"), null)).StatusCode);

        var report = await ReportAsync(_rig.Http, "RPT-O");

        Assert.Equal(1, Assert.Single(report.Statistics, s => s.Sensor == "th1" && s.Parameter == "temperature").ActionSamples);   // counted in the figures
        Assert.Empty(report.BreachRuns);   // but not a breach: the out-of-service period accounts for it
        Assert.Single(report.OutOfService);
        Assert.False(report.Verdict.ClearForRelease);
        Assert.Contains(report.Verdict.Reasons, r => r.Contains("was out of service", StringComparison.Ordinal) && r.Contains("probe calibration", StringComparison.Ordinal));
        Assert.Contains(report.Excursions, e => e.Kind == ExcursionKind.System && e.IsLinked);
    }

    private sealed record RoomStatusView(string Id, string State);

    [Fact]
    public async Task Report_OtherTenantsBatch_NotFoundAndOwnTenantReadsIt()
    {
        await StartBatchWithHistoryAsync("RPT-T");
        using var cellco = await _rig.SignInAsync("cellco-op");
        using var helix = await _rig.SignInAsync("helix-op");
        using var anonymous = new HttpClient { BaseAddress = _rig.BaseAddress };

        foreach (var path in new[] { "/api/batches/RPT-T/report", "/api/batches/RPT-T/report.csv", "/api/batches/RPT-T/report.pdf" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await cellco.GetAsync(Url(path))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Url(path))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.GetAsync(Url("/reports/batch/RPT-T"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await helix.GetAsync(Url("/api/batches/NO-SUCH/report"))).StatusCode);
        var own = await ReportAsync(helix, "RPT-T");
        Assert.Equal("helix-bio", own.Batch.Tenant);
        Assert.False(own.Verdict.ClearForRelease);
        Assert.Contains(own.Verdict.Reasons, r => r.Contains("has not ended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csv_ProductNameIsAFormula_CellEscapedAndPageEncodesIt()
    {
        const string product = "=HYPERLINK(\"http://evil.example\",\"<script>x</script>\")";
        await StartBatchWithHistoryAsync("RPT-F", product);

        var rows = CsvReader.Parse(await _rig.Http.GetStringAsync(Url("/api/batches/RPT-F/report.csv")));
        var page = await _rig.Http.GetStringAsync(Url("/reports/batch/RPT-F"));

        Assert.Equal("'" + product, Assert.Single(rows, r => r[0] == "report" && r[2] == "product")[3]);
        Assert.DoesNotContain("<script>x</script>", page, StringComparison.Ordinal);
        Assert.Contains("Not clear for release", page, StringComparison.Ordinal);
        Assert.Contains("/api/batches/RPT-F/report.csv", page, StringComparison.Ordinal);
        Assert.Contains("@media print", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=a,\"b\"", "\"'=a,\"\"b\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Cell_DangerousOrSpecialText_EscapedPerRfc4180AndOwasp(string value, string expected) =>
        Assert.Equal(expected, BatchReportCsv.Cell(value));

    [Fact]
    public async Task Pdf_ChromiumInstalled_ReturnsPdfElse501()
    {
        await StartBatchWithHistoryAsync("RPT-P");

        var response = await _rig.Http.GetAsync(Url("/api/batches/RPT-P/report.pdf"));

        if (File.Exists("/usr/bin/chromium"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            var pdf = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
            Assert.Contains("Chromium", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
