using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using CleanroomMonitor.Simulators.Scenarios;

namespace CleanroomMonitor.Simulators.Oq;

/// <summary>The OQ report of a library run: requirement → scenario → expected vs observed → pass/fail, with the installation
/// qualified, the prerequisites checked, the configuration versions and the numbered deviations, as HTML (for the protocol
/// binder) and CSV (for review tools).</summary>
/// <param name="SoftwareVersion">The installation's version (GET /api/about), "unknown" when it did not say.</param>
/// <param name="Installation">The installation as it stated itself at the start; null when it did not.</param>
internal sealed record OqReport(
    string Site,
    string FacilityFile,
    string FacilityVersion,
    string SoftwareVersion,
    InstallationAbout? Installation,
    string Speed,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<ScenarioResult> Scenarios)
{
    public IEnumerable<ExpectationResult> Rows => Scenarios.SelectMany(s => s.Expectations);

    /// <summary>What the installation recorded or refused during the run that no row claims (issue 24): each needs a
    /// disposition, so a run with any does not pass by itself.</summary>
    public IReadOnlyList<UnexpectedEvent> Unexpected { get; init; } = [];

    /// <summary>The files the run depended on, with their hashes when it began.</summary>
    public IReadOnlyList<OqInput> Inputs { get; init; } = [];

    /// <summary>The protocol: the kit's library, versioned by the hash of its scenario files.</summary>
    public string Protocol => $"{ProtocolName}, version {ProtocolVersion}";

    /// <summary>The protocol's name (<see cref="Protocol"/> without its version).</summary>
    public const string ProtocolName = "CleanroomMonitor OQ scenario library";

    public string ProtocolVersion => OqInput.LibraryVersion(Inputs);

    public bool Passed => !Stopped && Rows.All(r => r.Passed) && Unexpected.Count == 0 && Prerequisites.All(p => p.Passed);

    /// <summary>The run's id ("OQ-261207081500-3f2a"), in the report's header, its deviations' re-test commands and the
    /// record the service keeps of it.</summary>
    public string RunId { get; init; } = "";

    /// <summary>The run this one re-tests (<c>oq run --retest-of</c>), when it is a re-test.</summary>
    public string? RetestOf { get; init; }

    /// <summary>What the run needs to mean anything, checked when it began (<see cref="OqPrerequisite.Check"/>).</summary>
    public IReadOnlyList<OqPrerequisite> Prerequisites { get; init; } = [];

    /// <summary>Every failed prerequisite, failed row and unexpected event, numbered in that order (DEV-01, DEV-02…).</summary>
    public IReadOnlyList<OqDeviation> Deviations
    {
        get
        {
            var all = Scenarios.Select(s => s.Scenario).Distinct(StringComparer.Ordinal).ToList();
            var found = new List<(string Kind, string? Requirement, string? Scenario, string Detail, IReadOnlyList<string> Retest)>();
            found.AddRange(Prerequisites.Where(p => !p.Passed).Select(p => (OqDeviation.Prerequisite, (string?)null, (string?)null,
                $"{p.Name}: expected {p.Expected}; observed {p.Observed}", (IReadOnlyList<string>)all)));
            found.AddRange(Rows.Where(r => !r.Passed).Select(r => (OqDeviation.FailedRow, (string?)r.Requirement, (string?)r.Scenario, r.Observed,
                (IReadOnlyList<string>)[r.Scenario])));
            found.AddRange(Unexpected.Select(u => (OqDeviation.UnexpectedEvent, (string?)null, (string?)null,
                Describe(u) + (u.Id is { } id ? $" (record {id})" : ""), (IReadOnlyList<string>)all)));
            return [.. found.Select((d, i) => new OqDeviation(DeviationNumber(i), d.Kind, d.Requirement, d.Scenario, d.Detail, RetestCommand(d.Retest)))];
        }
    }

    private static string DeviationNumber(int index) => string.Create(CultureInfo.InvariantCulture, $"DEV-{index + 1:00}");

    /// <summary>The re-test of <paramref name="scenarios"/> against this run ("…": the run's other options, as given).</summary>
    public string RetestCommand(IEnumerable<string> scenarios) => $"oq run … --scenario {string.Join(' ', scenarios)} --retest-of {RunId}";

    /// <summary>The run was stopped before its end: a partial report of the scenarios that ran (unexpected events not looked for).</summary>
    public bool Stopped { get; init; }

    /// <summary>Data gaps the installation timed while the kit itself sent nothing for the sensor (before the run, between
    /// scenarios, while checking): recorded rightly, explained by the kit's own silence, listed so nothing is left out.</summary>
    public IReadOnlyList<UnexpectedEvent> KitSilences { get; init; } = [];

    /// <summary>The kit's own informational version (the test tool's build: version and commit), reported apart from the
    /// installation it qualifies.</summary>
    public static string ThisSoftwareVersion =>
        typeof(OqReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Whether the kit's own build was made from modified sources (its SourceModified metadata; null: unknown).</summary>
    public static bool? ThisSoftwareModified =>
        typeof(OqReport).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SourceModified")?.Value switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };

    public string Csv()
    {
        var csv = new StringBuilder();
        csv.AppendLine(CsvHeader);
        // Numbered as Deviations numbers them: failed prerequisites, then failed rows, then unexpected events.
        var numbers = Deviations.Select(d => d.Number).GetEnumerator();
        string Next(bool deviates) => deviates && numbers.MoveNext() ? numbers.Current : "";
        foreach (var p in Prerequisites)
        {
            csv.AppendLine(string.Join(",", new[] { "prerequisite: " + p.Name, "", "", "", p.Expected, p.Observed, p.Passed ? "pass" : "fail", SoftwareVersion, FacilityVersion, Next(!p.Passed) }.Select(Quote)));
        }
        foreach (var r in Rows)
        {
            csv.AppendLine(string.Join(",", new[] { r.Requirement, r.Clause ?? "", r.Scenario, r.Stimulus ?? "", r.Expected, r.Observed, r.Passed ? "pass" : "fail", SoftwareVersion, FacilityVersion, Next(!r.Passed) }.Select(Quote)));
        }
        foreach (var u in Unexpected)
        {
            csv.AppendLine(string.Join(",", new[] { "unexpected: " + (u.Id ?? u.What), "", "", "", "no row claims it", Describe(u), DispositionRequired, SoftwareVersion, FacilityVersion, Next(true) }.Select(Quote)));
        }
        return csv.ToString();
    }

    /// <summary>The CSV's columns: software_version is the installation's, deviation the row's number when it deviates.</summary>
    public const string CsvHeader = "requirement,clause,scenario,stimulus,expected,observed,result,software_version,facility_version,deviation";

    public string Html()
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>OQ report</title><style>")
            .AppendLine("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}")
            .AppendLine(".pass{background:#d9f2d9}.fail{background:#f7d4d4}</style></head><body>")
            .AppendLine(CultureInfo.InvariantCulture, $"<h1>Operational qualification: automated scenario run</h1>")
            .AppendLine("<table>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>OQ run</th><td>{E(RunId)}</td></tr>")
            .AppendLine(RetestOf is null ? "" : $"<tr><th>re-test</th><td>Re-test of OQ run {E(RetestOf)}</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>protocol</th><td>{E(Protocol)}</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>site</th><td>{E(Site)}</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>software version</th><td>{E(SoftwareVersion)} (the installation qualified; modified build: {E(InstallationAbout.ModifiedText(Installation?.Modified))})</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>configuration version</th><td>facility {E(FacilityVersion)} ({E(FacilityFile)})</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>run</th><td>{StartedAt:yyyy-MM-dd HH:mm:ss}Z to {FinishedAt:HH:mm:ss}Z, time factor {E(Speed)}</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>result</th><td class=\"{(Passed ? "pass" : "fail")}\">{(Passed ? "PASS" : Stopped ? "STOPPED (partial report)" : "FAIL")}: {Rows.Count(r => r.Passed)} of {Rows.Count()} expectations met; {Unexpected.Count} unexpected event(s); {Prerequisites.Count(p => !p.Passed)} prerequisite(s) failed; {Deviations.Count} deviation(s)</td></tr>")
            .AppendLine("</table>");
        ScopeHtml(html);
        html.AppendLine("<h2>Inputs</h2><table><tr><th>role</th><th>file</th><th>SHA-256</th></tr>");
        foreach (var input in Inputs)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td>{E(input.Role)}</td><td>{E(input.Path)}</td><td><code>{E(input.Sha256)}</code></td></tr>");
        }
        html.AppendLine("</table><h2>Requirements</h2><p>Each row's acceptance criterion (expected) is written in the scenario file before the run.</p>")
            .AppendLine("<table><tr><th>requirement</th><th>clause</th><th>scenario</th><th>stimulus applied</th><th>expected</th><th>observed</th><th>result</th><th>deviation</th></tr>");
        var deviations = Deviations;
        var failedRows = new Queue<string>(deviations.Where(d => d.Kind == OqDeviation.FailedRow).Select(d => d.Number));
        var unexpected = new Queue<string>(deviations.Where(d => d.Kind == OqDeviation.UnexpectedEvent).Select(d => d.Number));
        foreach (var r in Rows)
        {
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<tr class=\"{(r.Passed ? "pass" : "fail")}\"><td>{E(r.Requirement)}</td><td>{E(r.Clause ?? "—")}</td><td>{E(r.Scenario)}</td><td>{E(r.Stimulus ?? "—")}</td><td>{E(r.Expected)}</td><td>{E(r.Observed)}</td><td>{(r.Passed ? "pass" : "fail")}</td><td>{(r.Passed ? "" : failedRows.Dequeue())}</td></tr>");
        }
        html.AppendLine("</table><h2>Unexpected events: disposition required</h2>");
        if (Unexpected.Count == 0)
        {
            html.AppendLine("<p>None: every excursion the installation recorded during the run, and every message it refused, is claimed by a row above.</p>");
        }
        else
        {
            html.AppendLine("<p>Recorded or refused by the installation during the run, claimed by no row. Each needs a written disposition (a deviation) before the run can be accepted.</p>")
                .AppendLine("<table><tr><th>event</th><th>when</th><th>detail</th><th>record</th><th>disposition</th><th>deviation</th></tr>");
            foreach (var u in Unexpected)
            {
                html.AppendLine(CultureInfo.InvariantCulture,
                    $"<tr class=\"fail\"><td>{E(u.What)}</td><td>{(u.When is { } at ? at.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z" : "during the run")}</td><td>{E(u.Detail)}</td><td>{E(u.Id ?? "—")}</td><td>{DispositionRequired}</td><td>{unexpected.Dequeue()}</td></tr>");
            }
            html.AppendLine("</table>");
        }
        if (KitSilences.Count > 0)
        {
            html.AppendLine("<h2>Data gaps of the kit's own silence</h2><p>The installation rightly timed these data gaps: the kit sent nothing for "
                + "the sensor for longer than its gap time (before the run, between scenarios, while checking expectations); they end when the kit sends again:</p><ul>");
            foreach (var b in KitSilences)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<li>{E(Describe(b))} ({E(b.Id)})</li>");
            }
            html.AppendLine("</ul>");
        }
        DeviationsHtml(html);
        var notRun = Rows.Where(r => r.Observed.StartsWith("not run:", StringComparison.Ordinal)).ToList();
        if (notRun.Count > 0)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<p>{notRun.Count} requirement(s) could not be tested by this run and count as failed: ")
                .AppendLine(E(string.Join("; ", notRun.Select(r => $"{r.Requirement} ({r.Observed})"))))
                .AppendLine(". docs/simulators.md says what each needs (a signer account, the records command, the Modbus connection file).</p>");
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>Scope and prerequisites: the installation qualified (its own build, not the kit's), the kit as the test
    /// tool, and the checks that make the run mean something.</summary>
    private void ScopeHtml(StringBuilder html)
    {
        html.AppendLine("<h2>Scope and prerequisites</h2><h3>Installation qualified</h3><table>");
        if (Installation is { } i)
        {
            var modified = InstallationAbout.ModifiedText(i.Modified);
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr><th>product version</th><td>CleanroomMonitor {E(i.Version)}</td></tr>")
                .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>commit</th><td><code>{E(i.Commit ?? "unknown")}</code></td></tr>")
                .AppendLine(CultureInfo.InvariantCulture, $"<tr class=\"{(i.Modified == false ? "pass" : "fail")}\"><th>modified build</th><td><strong>{E(modified)}</strong></td></tr>")
                .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>host</th><td>{E(i.Host)}</td></tr>")
                .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>runtime</th><td>{E(i.Runtime)}</td></tr>")
                .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>operating system</th><td>{E(i.Os)}</td></tr>")
                .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>install path</th><td>{E(i.InstallPath)}</td></tr>")
                .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>service started</th><td>{i.StartedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z</td></tr>")
                .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>facility loaded</th><td>version {E(i.FacilityVersion)}</td></tr>");
            foreach (var c in i.Configuration)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<tr><th>{E(c.Role)} file</th><td>{E(c.Path)}<br><code>{E(c.Sha256)}</code></td></tr>");
            }
        }
        else
        {
            html.AppendLine("<tr class=\"fail\"><th>installation</th><td>unknown: it did not state its build and configuration (GET /api/about)</td></tr>");
        }
        html.AppendLine("</table><h3>Test tool</h3><table>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>OQ kit</th><td>CleanroomMonitor.Simulators {E(ThisSoftwareVersion)} (modified build: {E(InstallationAbout.ModifiedText(ThisSoftwareModified))})</td></tr>")
            .AppendLine("</table><h3>Prerequisites</h3><table><tr><th>check</th><th>expected</th><th>observed</th><th>result</th><th>deviation</th></tr>");
        var numbers = Deviations.Where(d => d.Kind == OqDeviation.Prerequisite).Select(d => d.Number).GetEnumerator();
        foreach (var p in Prerequisites)
        {
            var number = !p.Passed && numbers.MoveNext() ? numbers.Current : "";
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<tr class=\"{(p.Passed ? "pass" : "fail")}\"><td>{E(p.Name)}</td><td>{E(p.Expected)}</td><td>{E(p.Observed)}</td><td>{(p.Passed ? "pass" : "fail")}</td><td>{E(number)}</td></tr>");
        }
        html.AppendLine("</table>");
    }

    /// <summary>Every deviation numbered, with what was observed and the re-test to run once its cause is fixed.</summary>
    private void DeviationsHtml(StringBuilder html)
    {
        html.AppendLine("<h2>Deviations</h2>");
        var deviations = Deviations;
        if (deviations.Count == 0)
        {
            html.AppendLine("<p>No deviations.</p>");
            return;
        }
        html.AppendLine("<p>Each needs a written disposition. \"…\" in a re-test command stands for this run's other options (--facility, --api, --token, --out…).</p>")
            .AppendLine("<table><tr><th>number</th><th>kind</th><th>requirement / scenario</th><th>observed</th><th>re-test</th></tr>");
        foreach (var d in deviations)
        {
            var what = string.Join(" / ", new[] { d.Requirement, d.Scenario }.Where(x => x is not null));
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<tr class=\"fail\"><td>{E(d.Number)}</td><td>{E(d.Kind)}</td><td>{E(what.Length == 0 ? "—" : what)}</td><td>{E(d.Detail)}</td><td><code>{E(d.Retest)}</code></td></tr>");
        }
        html.AppendLine("</table>");
    }

    /// <summary>Writes oq-report.html, oq-report.csv and oq-report.sha256 to <paramref name="folder"/>.</summary>
    /// <returns>The HTML and CSV exactly as written (their UTF-8 bytes are the files).</returns>
    public async Task<(string Html, string Csv)> WriteAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var html = Html();
        var csv = Csv();
        await File.WriteAllTextAsync(Path.Combine(folder, "oq-report.html"), html, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "oq-report.csv"), csv, cancellationToken);
        // The report's own hashes, in sha256sum's format (sha256sum -c oq-report.sha256 checks both files).
        await File.WriteAllTextAsync(Path.Combine(folder, "oq-report.sha256"),
            $"{Sha256(html)}  oq-report.html\n{Sha256(csv)}  oq-report.csv\n", cancellationToken);
        return (html, csv);
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/> (as the files are written).</summary>
    public static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private const string DispositionRequired = "unexpected: disposition required";

    private static string Describe(UnexpectedEvent u) =>
        u.When is { } at ? string.Create(CultureInfo.InvariantCulture, $"{u.What} from {at:yyyy-MM-dd HH:mm:ss.fff}Z: {u.Detail}") : $"{u.What}: {u.Detail}";

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
