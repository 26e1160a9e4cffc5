using System.Security.Cryptography;
using System.Text.Json;
using CleanroomMonitor.Simulators.Oq;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Simulators.Tests.Scenarios;

/// <summary>Issue 24: the OQ report as a controlled record: the installation qualified and the prerequisites, numbered
/// deviations with their re-tests, and the body that submits it.</summary>
public sealed class OqDeviationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private const string FacilityHash = "aa11";
    private const string ModbusHash = "bb22";

    private static readonly IReadOnlyList<OqInput> Inputs =
        [new("facility", "/kit/facility.oq.json", FacilityHash), new("modbus", "/kit/modbus.oq.json", ModbusHash), new("scenario", "/kit/01.yaml", "cc33")];

    private static InstallationAbout Installation(bool? modified = false, string facilityHash = FacilityHash, string? modbusHash = ModbusHash) =>
        new("1.0.0+abc123", "abc123", modified, "cm-host", ".NET 10.0.0", "Linux", T0.AddHours(-2), "/opt/cleanroom-monitor/", "v7",
            [new("facility", "/etc/cleanroom/facility.json", facilityHash), .. modbusHash is null ? Array.Empty<OqInput>() : [new OqInput("modbus", "/etc/cleanroom/modbus.json", modbusHash)]]);

    private static ExpectationResult Row(string scenario, string requirement, bool passed) =>
        new(scenario, requirement, "a data gap", passed ? "Alert DataGap on cd-th" : "no data gap within 30 s", passed);

    /// <summary>The report of a run against <paramref name="installation"/>, its prerequisites checked as the run checks them.</summary>
    private static OqReport Report(InstallationAbout installation, params ScenarioResult[] scenarios) =>
        new("site", "facility.oq.json", "v7", installation.Version, installation, "max", T0, T0.AddMinutes(8), scenarios)
        {
            RunId = "OQ-261207080000-1a2b",
            Prerequisites = OqPrerequisite.Check(installation, Inputs),
            Inputs = Inputs,
        };

    private static ScenarioResult Scenario(string name, params ExpectationResult[] rows) => new(name, "r1", T0, TimeSpan.FromMinutes(1), 10, rows);

    [Fact]
    public void Check_SameFilesAndCleanBuild_AllPass()
    {
        var checks = OqPrerequisite.Check(Installation(), Inputs);

        Assert.Equal([OqPrerequisite.FacilityFile, OqPrerequisite.ModbusFile, OqPrerequisite.UnmodifiedBuild], checks.Select(c => c.Name));
        Assert.All(checks, c => Assert.True(c.Passed, c.Observed));
    }

    [Fact]
    public void Check_InstallationLoadedAnotherFacilityFile_FacilityFails()
    {
        var check = OqPrerequisite.Check(Installation(facilityHash: "ff99"), Inputs).Single(c => c.Name == OqPrerequisite.FacilityFile);

        Assert.False(check.Passed);
        Assert.Contains("/etc/cleanroom/facility.json: ff99", check.Observed, StringComparison.Ordinal);
        Assert.Contains(FacilityHash, check.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InstallationPollsNoModbusFile_ModbusNotCompared()
    {
        var checks = OqPrerequisite.Check(Installation(modbusHash: null), Inputs);

        Assert.DoesNotContain(checks, c => c.Name == OqPrerequisite.ModbusFile);
    }

    [Fact]
    public void Check_OtherModbusFile_ModbusFails() =>
        Assert.False(OqPrerequisite.Check(Installation(modbusHash: "0000"), Inputs).Single(c => c.Name == OqPrerequisite.ModbusFile).Passed);

    [Theory]
    [InlineData(true, "modified build: yes")]
    [InlineData(null, "modified build: unknown")]
    public void Check_ModifiedOrUnknownBuild_Fails(bool? modified, string observed)
    {
        var check = OqPrerequisite.Check(Installation(modified), Inputs).Single(c => c.Name == OqPrerequisite.UnmodifiedBuild);

        Assert.False(check.Passed);
        Assert.StartsWith(observed, check.Observed, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InstallationDidNotSay_OneFailureWithTheReason()
    {
        var check = Assert.Single(OqPrerequisite.Check(null, Inputs, "GET /api/about answered 404 Not Found"));

        Assert.False(check.Passed);
        Assert.Contains("404", check.Observed, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_PrerequisiteFails_NotPassedAndDeviationListed()
    {
        var report = Report(Installation(modified: true), Scenario("data-gap", Row("data-gap", "RULE-GAP: a gap", true)));

        Assert.False(report.Passed);
        var deviation = Assert.Single(report.Deviations);
        Assert.Equal(("DEV-01", "prerequisite"), (deviation.Number, deviation.Kind));
        Assert.Contains("modified build: yes", deviation.Detail, StringComparison.Ordinal);
        Assert.Equal("oq run … --scenario data-gap --retest-of OQ-261207080000-1a2b", deviation.Retest);
        var html = report.Html();
        Assert.Contains("<h2>Scope and prerequisites</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"fail\"><th>modified build</th><td><strong>yes</strong></td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<td>DEV-01</td><td>prerequisite</td>", html, StringComparison.Ordinal);
        Assert.Contains(OqReport.ThisSoftwareVersion, html, StringComparison.Ordinal);   // the test tool, apart
        Assert.Contains("OQ-261207080000-1a2b", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Deviations_PrerequisitesFailedRowsAndUnexpected_NumberedInThatOrder()
    {
        var report = Report(Installation(facilityHash: "ff99"),
            Scenario("data-gap", Row("data-gap", "RULE-GAP: a gap", false), Row("data-gap", "RULE-GAP: another", true)),
            Scenario("comm-loss", Row("comm-loss", "RULE-COMM: loss", false))) with
        {
            Unexpected = [new UnexpectedEvent("Action Particles on fill-pc (ParticlesFiveMicron)", T0.AddMinutes(2), "value ≥ action limit 29", "0193-abc")],
        };

        var deviations = report.Deviations;

        Assert.Equal(["DEV-01", "DEV-02", "DEV-03", "DEV-04"], deviations.Select(d => d.Number));
        Assert.Equal(["prerequisite", "failed row", "failed row", "unexpected event"], deviations.Select(d => d.Kind));
        Assert.Equal([null, "RULE-GAP: a gap", "RULE-COMM: loss", null], deviations.Select(d => d.Requirement));
        Assert.Equal("oq run … --scenario comm-loss --retest-of OQ-261207080000-1a2b", deviations[2].Retest);
        Assert.Equal("oq run … --scenario data-gap comm-loss --retest-of OQ-261207080000-1a2b", deviations[3].Retest);
        Assert.Contains("0193-abc", deviations[3].Detail, StringComparison.Ordinal);
        var lines = report.Csv().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(OqReport.CsvHeader, lines[0]);
        Assert.Equal("requirement,clause,scenario,stimulus,expected,observed,result,software_version,facility_version,deviation", lines[0]);
        Assert.Equal(["DEV-01", "", "", "DEV-02", "", "DEV-03", "DEV-04"], lines.Skip(1).Select(l => l[(l.LastIndexOf(',') + 1)..]));
        Assert.StartsWith("prerequisite: facility file in use,", lines[1], StringComparison.Ordinal);
        Assert.All(deviations, d => Assert.Contains($"<td>{d.Number}</td>", report.Html(), StringComparison.Ordinal));
    }

    [Fact]
    public void CsvAndHtml_RowWithItsStimulus_ShowTheStimulusApplied()
    {
        const string stimulus = "silent cd-th at 2026-12-07T08:01:00.000Z (scenario 00:01:00) for 00:00:40";
        var report = Report(Installation(), Scenario("data-gap", Row("data-gap", "RULE-GAP: a gap", true) with { Stimulus = stimulus }));

        Assert.Contains($",data-gap,{stimulus},", report.Csv(), StringComparison.Ordinal);
        Assert.Contains($"<td>{System.Net.WebUtility.HtmlEncode(stimulus)}</td>", report.Html(), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_NothingDeviates_SaysNoDeviations()
    {
        var report = Report(Installation(), Scenario("data-gap", Row("data-gap", "RULE-GAP: a gap", true)));

        Assert.True(report.Passed);
        Assert.Empty(report.Deviations);
        Assert.Contains("<h2>Deviations</h2>\n<p>No deviations.</p>", report.Html().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_Retest_SaysWhichRunItRetests()
    {
        var report = Report(Installation(), Scenario("data-gap", Row("data-gap", "RULE-GAP: a gap", true))) with { RetestOf = "OQ-261201090000-9f9f" };

        Assert.Contains("Re-test of OQ run OQ-261201090000-9f9f", report.Html(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submission_WrittenReport_HashOfTheHtmlFileAndTheReportsDeviations()
    {
        using var folder = new TempDirectory("oq-submit");
        var report = Report(Installation(modified: true),
            Scenario("data-gap", Row("data-gap", "RULE-GAP: a gap", false))) with { RetestOf = "OQ-261201090000-9f9f" };
        var (html, csv) = await report.WriteAsync(folder.Path, CancellationToken.None);

        var body = OqSubmission.Of(report, html, csv);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(folder.Combine("oq-report.html")))), body.ReportSha256);
        Assert.Equal(await File.ReadAllTextAsync(folder.Combine("oq-report.csv")), body.ReportCsv);
        Assert.Equal(report.Deviations.Select(d => (d.Number, d.Kind, d.Requirement, d.Scenario, d.Detail)),
            body.Deviations.Select(d => (d.Number, d.Kind, d.Requirement, d.Scenario, d.Detail)));
        Assert.Equal(("OQ-261207080000-1a2b", "OQ-261201090000-9f9f", false, false), (body.RunId, body.RetestOf, body.Passed, body.Stopped));
        Assert.Equal((1, 0, true, "1.0.0+abc123"), (body.Rows, body.RowsPassed, body.Modified, body.InstallationVersion));
        Assert.Equal(["data-gap"], body.Scenarios);
        Assert.Equal(report.ProtocolVersion, body.ProtocolVersion);
    }

    [Fact]
    public void Submission_Json_HasTheContractsFieldNames()
    {
        var report = Report(Installation(modified: true), Scenario("data-gap", Row("data-gap", "RULE-GAP: a gap", true)));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(OqSubmission.Of(report, report.Html(), report.Csv()), Web));

        Assert.Equal(["runId", "protocol", "protocolVersion", "site", "facilityVersion", "installationVersion", "modified", "startedAt", "finishedAt", "passed",
            "stopped", "rows", "rowsPassed", "scenarios", "retestOf", "deviations", "reportHtml", "reportCsv", "reportSha256"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["number", "kind", "requirement", "scenario", "detail"], json.RootElement.GetProperty("deviations")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("retestOf").ValueKind);
        Assert.Equal("prerequisite", json.RootElement.GetProperty("deviations")[0].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("""{"type":"about:blank","title":"Conflict","status":409,"detail":"OQ run OQ-1 is already recorded"}""", "OQ run OQ-1 is already recorded")]
    [InlineData("""{"title":"Bad Request","status":400}""", "Bad Request")]
    [InlineData("proxy error", "proxy error")]
    [InlineData("", "(no detail)")]
    public void ProblemDetail_RefusalBody_TheServicesReason(string body, string expected) => Assert.Equal(expected, ServiceApi.ProblemDetail(body));
}
