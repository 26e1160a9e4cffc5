using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.IntegrationTests.CommandLine;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Simulators.Oq;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>Issue 24's "done when": the OQ commands of docs/simulators.md ("The whole OQ on an installation, command by
/// command"), taken from the file as written, run as processes in one shell against the service started as a process
/// with the environment the first block leaves; the whole library at full speed. The test changes only what the doc says
/// it changes: free loopback ports, the built service's path, the two passwords. The relative paths of the blocks
/// (<c>deploy/config/…</c>, <c>oq/</c>) resolve in a folder of the test's whose <c>deploy/config</c> links to the
/// repository's files, except the Modbus connection file, which is the shipped one on a free port.</summary>
[Collection(OqInstallations.Name)]
public sealed class DocumentedOqTests : IAsyncLifetime
{
    private const string Heading = "### The whole OQ on an installation, command by command";
    private const string Password = "oq-documented-Signer-7";

    private ServiceRig? _stack;

    public async Task InitializeAsync() => _stack = await ServiceRig.StartAsync(CleanroomMonitorApp.Build, "oq-documented");

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    [Fact]
    public async Task DocumentedCommands_WholeLibraryAtMaxSpeed_ExitZeroWithAPassingControlledReport()
    {
        var stack = _stack!;
        var (prepare, run) = DocumentedBlocks();
        int apiPort = FreePort.Next(), smtpPort = FreePort.Next(), gatewayPort = FreePort.Next();
        var folder = await InstallationFolderAsync(stack.Directory, FreePort.Next());
        // The installation's own configuration (its EnvironmentFile): where its data lives, its broker and InfluxDB.
        var installation = stack.Settings(ScenarioRig.FacilityFile, "oq_documented") with
        {
            Listen = $"http://127.0.0.1:{apiPort.ToString(CultureInfo.InvariantCulture)}",
            InfluxFlushInterval = TimeSpan.FromMilliseconds(100),
        };
        var environmentFile = stack.Directory.Combine("oq-shell.env");
        var tokenFile = stack.Directory.Combine("oq-kit.token");
        var go = stack.Directory.Combine("service-ready");
        var script = new StringBuilder()
            .AppendLine("set -eo pipefail")
            .AppendLine(CultureInfo.InvariantCulture, $"sim=\"dotnet {BuiltPrograms.Simulators}\"")
            .AppendLine(Substitute(prepare, apiPort, installation.BrokerPort, smtpPort, gatewayPort))
            // The site's own QA people, who review and approve the record (the test's glue: a site has them already).
            .AppendLine(CultureInfo.InvariantCulture, $"for who in qa.reviewer:'Rita Reviewer' qa.approver:'Anton Approver'; do CLEANROOM_ADMIN_PASSWORD='{Password}' $svc users add --user \"${{who%%:*}}\" --name \"${{who#*:}}\" --role QA --keep-password 2>/dev/null; done")
            // The test's own glue, not the doc's: hand the shell's environment over for the service's start (and the kit's
            // token, a shell variable, for reading the audit trail as the kit can), then wait (on a file, a condition)
            // until the service answers /readyz, as the doc tells the reader to. The move makes the hand-over whole at once.
            .AppendLine(CultureInfo.InvariantCulture, $"printf '%s' \"$OPERATOR_TOKEN\" > '{tokenFile}'")
            .AppendLine(CultureInfo.InvariantCulture, $"env -0 > '{environmentFile}.part' && mv '{environmentFile}.part' '{environmentFile}'")
            .AppendLine(CultureInfo.InvariantCulture, $"until [ -e '{go}' ]; do sleep 0.2; done")
            .AppendLine(Substitute(run, apiPort, installation.BrokerPort, smtpPort, gatewayPort))
            .ToString();

        await using var shell = ServerProcess.Start("/usr/bin/env",
            [.. installation.ToEnvironment().Where(e => e.Key != "Facility__File").Select(e => $"{e.Key}={e.Value}"), "bash", "-c", script], folder);
        await Eventually.UntilAsync(_ => Task.FromResult(File.Exists(environmentFile) || shell.HasExited), TimeSpan.FromSeconds(120),
            "the first block done", () => Task.FromResult(shell.Output));
        Assert.False(shell.HasExited, $"the first block failed:\n{shell.Output}");
        var environment = ParseEnvironment(await File.ReadAllBytesAsync(environmentFile));
        Assert.Equal("deploy/config/facility.oq.json", environment["Facility__File"]);

        await using var service = ServerProcess.Start("/usr/bin/env", ["-i", .. environment.Select(e => $"{e.Key}={e.Value}"), "dotnet", BuiltPrograms.Service], folder);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(60) };
        await service.WaitUntilReadyAsync(async ct =>
        {
            try
            {
                using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative), ct);
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90));
        var token = await File.ReadAllTextAsync(tokenFile);
        Assert.StartsWith("crm_", token, StringComparison.Ordinal);
        var setUp = (await AuditAsync(http, token)).Select(r => r.Sequence).DefaultIfEmpty(0).Max();
        await File.WriteAllTextAsync(go, "");

        await Eventually.UntilAsync(_ => Task.FromResult(shell.HasExited), TimeSpan.FromMinutes(25), "the OQ run's end",
            () => Task.FromResult(shell.Output + "\n--- service ---\n" + service.Output[^Math.Min(service.Output.Length, 20000)..]));

        Assert.True(shell.ExitCode == 0, shell.Output);
        Assert.Contains("OQ PASS:", shell.Output, StringComparison.Ordinal);
        var output = Path.Combine(folder, "oq");
        var library = ScenarioLibrary.Load(ScenarioRig.LibraryFolder, FacilityReader.Load(ScenarioRig.FacilityFile));
        var csv = await File.ReadAllLinesAsync(Path.Combine(output, "oq-report.csv"));
        Assert.Equal(OqReport.CsvHeader, csv[0]);
        // Issue 24, the IQ link: the installation ran the kit's facility and Modbus files (by SHA-256) from a build of
        // committed sources; each prerequisite is a row before the requirements (commit before running this test locally:
        // a work tree with uncommitted changes makes a modified build, rightly a failed prerequisite).
        var prerequisites = csv.Skip(1).Where(l => l.StartsWith("prerequisite: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, prerequisites.Count);
        Assert.Equal(library.Sum(s => s.Expectations.Count), csv.Skip(1).Count(l => !l.StartsWith("unexpected", StringComparison.Ordinal)) - prerequisites.Count);
        Assert.All(csv.Skip(1), line => Assert.Contains(",pass,", line, StringComparison.Ordinal));
        // The installation's own build names the software version (the kit is listed apart, as the test tool).
        var installationVersion = typeof(CleanroomMonitor.Service.Hosting.InstallationIdentity).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.All(csv.Skip(1), line => Assert.Contains($",{installationVersion},", line, StringComparison.Ordinal));
        var html = await File.ReadAllTextAsync(Path.Combine(output, "oq-report.html"));
        Assert.Contains("No deviations.", html, StringComparison.Ordinal);
        Assert.Matches(@"OQ-\d{12}-[0-9a-f]{4}", html);
        Assert.All(library.SelectMany(s => s.Expectations), e => Assert.Contains(System.Net.WebUtility.HtmlEncode(e.Requirement), html, StringComparison.Ordinal));
        Assert.Contains("None: every excursion the installation recorded during the run", html, StringComparison.Ordinal);
        // A controlled record: the protocol version, the facility's version and the hash of every input it ran on.
        Assert.Contains("CleanroomMonitor OQ scenario library, version", html, StringComparison.Ordinal);
        Assert.Contains(FacilityReader.Load(ScenarioRig.FacilityFile).Version, html, StringComparison.Ordinal);
        Assert.All(library.Select(s => s.File).Append(ScenarioRig.FacilityFile).Append(Path.Combine(folder, "deploy", "config", "modbus.oq.json")),
            file => Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), html, StringComparison.Ordinal));
        var check = await ProgramRunOf("sha256sum", ["-c", "oq-report.sha256"], output);
        Assert.True(check.ExitCode == 0, check.ToString());

        // Issue 19: what the run wrote is attributed to the QA account, the kit's named token or the service's own
        // judgement; never to a name a message gave itself.
        var written = (await AuditAsync(http, token)).Where(r => r.Sequence > setUp).ToList();
        Assert.Contains(written, r => r.User == "oq.qa");
        Assert.Contains(written, r => r.User == "token:oq-kit");
        var strangers = written.Where(r => r.User is not ("system" or "oq.qa" or "token:oq-kit")).Select(r => $"{r.Sequence} {r.Action} by '{r.User}'").ToList();
        Assert.True(strangers.Count == 0, "audit entries by no person or named service account:\n" + string.Join('\n', strangers));

        // Issue 24: the report is a signed record in the application: submitted by the kit's token, stored as written,
        // signed by the executor, a reviewer and an approver (three people, each re-entering the password), printed as a PDF.
        var submitted = System.Text.RegularExpressions.Regex.Match(shell.Output, @"submitted as (OQ-[0-9a-f-]+): http://127\.0\.0\.1:\d+/Qualification/Run/\1");
        Assert.True(submitted.Success, shell.Output);
        var submittedRun = $"/api/qualification/runs/{submitted.Groups[1].Value}";
        using (var stored = await GetAsync(http, $"{submittedRun}/report", token))
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(output, "oq-report.html")), await stored.Content.ReadAsByteArrayAsync());
        }
        foreach (var (who, meaning) in new[] { ("oq.qa", "executed"), ("qa.reviewer", "reviewed"), ("qa.approver", "approved") })
        {
            using var person = await SignedInAsync(http.BaseAddress!, who);
            using var signed = await person.PostAsJsonAsync(new Uri($"{submittedRun}/signatures", UriKind.Relative), new { meaning, userName = who, password = Password });
            Assert.True(signed.IsSuccessStatusCode, $"{who} {meaning}: {(int)signed.StatusCode} {await signed.Content.ReadAsStringAsync()}");
        }
        using (var record = await GetAsync(http, submittedRun, token))
        using (var json = JsonDocument.Parse(await record.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Approved", json.RootElement.GetProperty("stage").GetString());
            Assert.Equal(["oq.qa", "qa.reviewer", "qa.approver"], json.RootElement.GetProperty("signatures").EnumerateArray()
                .Select(x => x.GetProperty("signature").GetProperty("userName").GetString()));
        }
        using var pdf = await GetAsync(http, $"{submittedRun}/pdf", token);
        Assert.Equal("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>A browser-like session of <paramref name="userName"/>: the cookie, and the antiforgery token on changes.</summary>
    private static async Task<HttpClient> SignedInAsync(Uri address, string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var login = await client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName, password = Password });
        login.EnsureSuccessStatusCode();
        using var me = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", me.RootElement.GetProperty("csrfToken").GetString());
        return client;
    }

    /// <summary>The two shell blocks under <see cref="Heading"/> in docs/simulators.md.</summary>
    private static (string Prepare, string Run) DocumentedBlocks()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "simulators.md"));
        var start = doc.IndexOf(Heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/simulators.md has no heading '{Heading}'");
        var blocks = new List<string>();
        var at = start;
        while (blocks.Count < 2)
        {
            var open = doc.IndexOf("```sh\n", at, StringComparison.Ordinal);
            var close = doc.IndexOf("\n```", open + 6, StringComparison.Ordinal);
            Assert.True(open >= 0 && close > open, "the OQ section has two sh blocks");
            blocks.Add(doc[(open + 6)..close]);
            at = close + 4;
        }
        return (blocks[0], blocks[1]);
    }

    /// <summary>The doc's ports, service path and passwords replaced wherever the block has them (a fixed port left in
    /// a block would reach nothing of the test's, and the run would fail).</summary>
    private static string Substitute(string block, int api, int broker, int smtp, int gateway)
    {
        var replacements = new List<(string From, string To)>
        {
            ("/opt/cleanroom-monitor/CleanroomMonitor.Service.dll", BuiltPrograms.Service),
            ("'…'", $"'{Password}'"),
            ("5080", api.ToString(CultureInfo.InvariantCulture)),
            ("1883", broker.ToString(CultureInfo.InvariantCulture)),
            ("2525", smtp.ToString(CultureInfo.InvariantCulture)),
            ("8025", gateway.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var (from, to) in replacements.Where(r => block.Contains(r.From, StringComparison.Ordinal)))
        {
            block = block.Replace(from, to, StringComparison.Ordinal);
        }
        return block;
    }

    /// <summary>A working folder whose deploy/config holds the repository's configuration (linked) and the OQ Modbus
    /// connection file on <paramref name="modbusPort"/> with its profiles by absolute path.</summary>
    private static async Task<string> InstallationFolderAsync(TempDirectory directory, int modbusPort)
    {
        var shipped = Path.Combine(RepositoryPaths.Root, "deploy", "config");
        var config = Directory.CreateDirectory(directory.Combine("host", "deploy", "config")).FullName;
        foreach (var entry in Directory.EnumerateFileSystemEntries(shipped).Where(e => Path.GetFileName(e) != "modbus.oq.json"))
        {
            File.CreateSymbolicLink(Path.Combine(config, Path.GetFileName(entry)), entry);
        }
        var connections = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(shipped, "modbus.oq.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        connections["profiles"] = Path.Combine(shipped, "profiles");
        connections["connections"]![0]!["tcp"]!["port"] = modbusPort;
        await File.WriteAllTextAsync(Path.Combine(config, "modbus.oq.json"), connections.ToJsonString());
        return directory.Combine("host");
    }

    private static Dictionary<string, string> ParseEnvironment(byte[] dump) =>
        Encoding.UTF8.GetString(dump).Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2)).Where(p => p.Length == 2 && p[0].Length > 0)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private sealed record AuditLine(long Sequence, string User, string Action);

    /// <summary>The audit trail through the API, read with the kit's own token (a token of the test's would be one more
    /// audit entry and one more actor).</summary>
    private static async Task<List<AuditLine>> AuditAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/audit", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(r => new AuditLine(r.GetProperty("sequence").GetInt64(),
            r.GetProperty("entry").GetProperty("user").GetString()!, r.GetProperty("entry").GetProperty("action").GetString()!))];
    }

    private static async Task<ProgramRun> ProgramRunOf(string program, string[] arguments, string workingDirectory)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProgramRun(process.ExitCode, await output, await error);
    }
}
