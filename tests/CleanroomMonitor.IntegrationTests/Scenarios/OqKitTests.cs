using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Simulators.Oq;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>The OQ kit once end to end: the whole library as fast as possible against its own installation, and the
/// report written as HTML and CSV with a pass for every requirement.</summary>
[Collection(OqInstallations.Name)]
public sealed class OqKitTests : IAsyncLifetime
{
    private readonly ScenarioRig _rig = new();
    private readonly TempDirectory _out = new("oq");

    public Task InitializeAsync() => _rig.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _out.Dispose();
    }

    [Fact]
    public async Task Run_LibraryAsFastAsPossible_WritesHtmlAndCsvWithPassForEachRequirement()
    {
        var scenarios = ScenarioLibrary.Load(ScenarioRig.LibraryFolder, _rig.Facility);
        var records = _rig.Services.GetRequiredService<IRecordStore>();
        var setUp = (await records.AuditTrailAsync(null, null, null, CancellationToken.None)).Select(r => r.Sequence).DefaultIfEmpty(0).Max();
        var oq = new OqRun(_rig.Facility, ScenarioRig.FacilityFile, _rig.Devices, _rig.Api, TimeProvider.System) { Modbus = _rig.Modbus, Records = _rig.Records, Alarms = _rig.Alarms };

        var report = await oq.RunAsync(scenarios, double.PositiveInfinity, CancellationToken.None);
        await report.WriteAsync(_out.Path, CancellationToken.None);

        var csv = await File.ReadAllLinesAsync(Path.Combine(_out.Path, "oq-report.csv"));
        var html = await File.ReadAllTextAsync(Path.Combine(_out.Path, "oq-report.html"));
        // Issue 24: every excursion and rejection of the run is claimed by a row; the kit's own set-up causes none.
        Assert.True(report.Unexpected.Count == 0, "unexpected events:\n" + string.Join('\n', report.Unexpected.Select(u => $"{u.What} at {u.When:O}: {u.Detail}")));
        Assert.Equal("requirement,clause,scenario,expected,observed,result,software_version,facility_version,deviation", csv[0]);
        // Issue 24, the IQ link: the installation ran the kit's facility file, from a build of committed sources (commit
        // before running this test: a work tree with uncommitted changes makes a modified build, rightly a failed prerequisite).
        Assert.True(report.Prerequisites.All(p => p.Passed), string.Join('\n', report.Prerequisites.Select(p => $"{p.Name}: {p.Observed}")));
        Assert.Contains(report.Prerequisites, p => p.Name == OqPrerequisite.FacilityFile);
        Assert.Equal(scenarios.Sum(s => s.Expectations.Count) + report.Prerequisites.Count, csv.Length - 1);
        Assert.Empty(report.Deviations);
        Assert.Contains("No deviations.", html, StringComparison.Ordinal);
        Assert.True(report.Passed, report.Csv());
        Assert.All(csv.Skip(1), line => Assert.Contains(",pass,", line, StringComparison.Ordinal));
        Assert.Contains(_rig.Facility.Version, html, StringComparison.Ordinal);
        // Issue 24: a controlled record names its protocol version and the hash of every input, and carries its own hashes.
        Assert.Equal(scenarios.Count + 1, report.Inputs.Count);
        Assert.Contains(report.Protocol, html, StringComparison.Ordinal);
        Assert.All(report.Inputs, i => Assert.Contains(i.Sha256, html, StringComparison.Ordinal));
        var sums = await File.ReadAllLinesAsync(Path.Combine(_out.Path, "oq-report.sha256"));
        Assert.Equal($"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(_out.Path, "oq-report.csv"))))}  oq-report.csv", sums[1]);
        // The installation's own build names the software version; the kit's build is listed apart, as the test tool.
        var installationVersion = typeof(CleanroomMonitor.Service.Hosting.InstallationIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(installationVersion, report.SoftwareVersion);
        Assert.All(csv.Skip(1), line => Assert.Contains($",{installationVersion},", line, StringComparison.Ordinal));
        Assert.Contains(OqReport.ThisSoftwareVersion, html, StringComparison.Ordinal);
        Assert.StartsWith("OQ-", report.RunId, StringComparison.Ordinal);
        Assert.Contains(report.RunId, html, StringComparison.Ordinal);
        Assert.All(scenarios.SelectMany(s => s.Expectations), e => Assert.Contains(System.Net.WebUtility.HtmlEncode(e.Requirement), html, StringComparison.Ordinal));

        // Issue 19: every actor in the trail the run wrote is a person with an account, a named API token
        // ("token:<name>") or the service's own judgement ("system"), never a name a message gave itself.
        var users = _rig.Services.GetRequiredService<IUserStore>();
        var people = (await users.UsersAsync(CancellationToken.None)).Select(u => u.UserName).ToHashSet(StringComparer.Ordinal);
        var tokens = (await users.TokensAsync(CancellationToken.None)).Select(t => "token:" + t.Name).ToHashSet(StringComparer.Ordinal);
        var written = (await records.AuditTrailAsync(null, null, null, CancellationToken.None)).Where(r => r.Sequence > setUp).ToList();
        Assert.NotEmpty(written);
        Assert.Contains(written, r => people.Contains(r.Entry.User));
        Assert.Contains(written, r => tokens.Contains(r.Entry.User));
        var strangers = written.Where(r => r.Entry.User != "system" && !people.Contains(r.Entry.User) && !tokens.Contains(r.Entry.User))
            .Select(r => $"{r.Sequence} {r.Entry.Action} by '{r.Entry.User}'").ToList();
        Assert.True(strangers.Count == 0, "audit entries by no person or named service account:\n" + string.Join('\n', strangers));
    }

    [Fact]
    public async Task Run_AlarmDeliveryScenario_RowPassesWithBothLatenciesAsEvidence()
    {
        var scenario = ScenarioLibrary.Load(ScenarioRig.LibraryFolder, _rig.Facility).Single(s => s.Name == "alarm-delivery");
        var oq = new OqRun(_rig.Facility, ScenarioRig.FacilityFile, _rig.Devices, _rig.Api, TimeProvider.System) { Alarms = _rig.Alarms };

        var report = await oq.RunAsync([scenario], double.PositiveInfinity, CancellationToken.None);

        var row = Assert.Single(report.Rows);
        Assert.True(row.Passed, row.Observed);
        Assert.Contains("within 60 s of the breach", row.Expected, StringComparison.Ordinal);
        Assert.Matches(@"mail to oq-on-call@gmp-centre\.example accepted by the kit's SMTP sink \d+\.\d s after the breach", row.Observed);
        Assert.Matches(@"gateway request POST /oq/sms received \d+\.\d s after the breach", row.Observed);
        Assert.Contains("(limit 60 s)", row.Observed, StringComparison.Ordinal);
    }
}
