using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using CleanroomMonitor.Simulators.Scenarios;

namespace CleanroomMonitor.Simulators.Oq;

/// <summary>The OQ report of a library run: requirement → scenario → expected vs observed → pass/fail, with the software
/// and configuration versions, as HTML (for the protocol binder) and CSV (for review tools).</summary>
internal sealed record OqReport(
    string Site,
    string FacilityFile,
    string FacilityVersion,
    string SoftwareVersion,
    string? ServiceVersion,
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
    public string Protocol => $"CleanroomMonitor OQ scenario library, version {OqInput.LibraryVersion(Inputs)}";

    public bool Passed => !Stopped && Rows.All(r => r.Passed) && Unexpected.Count == 0;

    /// <summary>The run was stopped before its end: a partial report of the scenarios that ran (unexpected events not looked for).</summary>
    public bool Stopped { get; init; }

    /// <summary>Data gaps the installation timed while the kit itself sent nothing for the sensor (before the run, between
    /// scenarios, while checking): recorded rightly, explained by the kit's own silence, listed so nothing is left out.</summary>
    public IReadOnlyList<UnexpectedEvent> KitSilences { get; init; } = [];

    /// <summary>The simulator's informational version (the product's build: version and commit).</summary>
    public static string ThisSoftwareVersion =>
        typeof(OqReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string Csv()
    {
        var csv = new StringBuilder();
        csv.AppendLine("requirement,clause,scenario,expected,observed,result,software_version,facility_version");
        foreach (var r in Rows)
        {
            csv.AppendLine(string.Join(",", new[] { r.Requirement, r.Clause ?? "", r.Scenario, r.Expected, r.Observed, r.Passed ? "pass" : "fail", SoftwareVersion, FacilityVersion }.Select(Quote)));
        }
        foreach (var u in Unexpected)
        {
            csv.AppendLine(string.Join(",", new[] { "unexpected: " + (u.Id ?? u.What), "", "", "no row claims it", Describe(u), DispositionRequired, SoftwareVersion, FacilityVersion }.Select(Quote)));
        }
        return csv.ToString();
    }

    public string Html()
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>OQ report</title><style>")
            .AppendLine("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}")
            .AppendLine(".pass{background:#d9f2d9}.fail{background:#f7d4d4}</style></head><body>")
            .AppendLine(CultureInfo.InvariantCulture, $"<h1>Operational qualification: automated scenario run</h1>")
            .AppendLine("<table>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>protocol</th><td>{E(Protocol)}</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>site</th><td>{E(Site)}</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>software version</th><td>{E(SoftwareVersion)}{(ServiceVersion is null ? "" : $" (service API {E(ServiceVersion)})")}</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>configuration version</th><td>facility {E(FacilityVersion)} ({E(FacilityFile)})</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>run</th><td>{StartedAt:yyyy-MM-dd HH:mm:ss}Z to {FinishedAt:HH:mm:ss}Z, time factor {E(Speed)}</td></tr>")
            .AppendLine(CultureInfo.InvariantCulture, $"<tr><th>result</th><td class=\"{(Passed ? "pass" : "fail")}\">{(Passed ? "PASS" : Stopped ? "STOPPED (partial report)" : "FAIL")}: {Rows.Count(r => r.Passed)} of {Rows.Count()} expectations met; {Unexpected.Count} unexpected event(s)</td></tr>")
            .AppendLine("</table><h2>Inputs</h2><table><tr><th>role</th><th>file</th><th>SHA-256</th></tr>");
        foreach (var input in Inputs)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td>{E(input.Role)}</td><td>{E(input.Path)}</td><td><code>{E(input.Sha256)}</code></td></tr>");
        }
        html.AppendLine("</table><h2>Requirements</h2><p>Each row's acceptance criterion (expected) is written in the scenario file before the run.</p>")
            .AppendLine("<table><tr><th>requirement</th><th>clause</th><th>scenario</th><th>expected</th><th>observed</th><th>result</th></tr>");
        foreach (var r in Rows)
        {
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<tr class=\"{(r.Passed ? "pass" : "fail")}\"><td>{E(r.Requirement)}</td><td>{E(r.Clause ?? "—")}</td><td>{E(r.Scenario)}</td><td>{E(r.Expected)}</td><td>{E(r.Observed)}</td><td>{(r.Passed ? "pass" : "fail")}</td></tr>");
        }
        html.AppendLine("</table><h2>Unexpected events: disposition required</h2>");
        if (Unexpected.Count == 0)
        {
            html.AppendLine("<p>None: every excursion the installation recorded during the run, and every message it refused, is claimed by a row above.</p>");
        }
        else
        {
            html.AppendLine("<p>Recorded or refused by the installation during the run, claimed by no row. Each needs a written disposition (a deviation) before the run can be accepted.</p>")
                .AppendLine("<table><tr><th>event</th><th>when</th><th>detail</th><th>record</th><th>disposition</th></tr>");
            foreach (var u in Unexpected)
            {
                html.AppendLine(CultureInfo.InvariantCulture,
                    $"<tr class=\"fail\"><td>{E(u.What)}</td><td>{(u.When is { } at ? at.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z" : "during the run")}</td><td>{E(u.Detail)}</td><td>{E(u.Id ?? "—")}</td><td>{DispositionRequired}</td></tr>");
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

    public async Task WriteAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var html = Html();
        var csv = Csv();
        await File.WriteAllTextAsync(Path.Combine(folder, "oq-report.html"), html, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "oq-report.csv"), csv, cancellationToken);
        // The report's own hashes, in sha256sum's format (sha256sum -c oq-report.sha256 checks both files).
        await File.WriteAllTextAsync(Path.Combine(folder, "oq-report.sha256"),
            $"{Sha256(html)}  oq-report.html\n{Sha256(csv)}  oq-report.csv\n", cancellationToken);
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private const string DispositionRequired = "unexpected: disposition required";

    private static string Describe(UnexpectedEvent u) =>
        u.When is { } at ? string.Create(CultureInfo.InvariantCulture, $"{u.What} from {at:yyyy-MM-dd HH:mm:ss.fff}Z: {u.Detail}") : $"{u.What}: {u.Detail}";

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
