using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.IntegrationTests.CommandLine;

/// <summary>The service's commands not yet run as a process elsewhere: <c>tokens add</c>, <c>records backup</c>,
/// <c>records verify</c> of an intact store, and usage errors. Already run as processes: the service itself
/// (<c>Operations/ServiceProcessTests</c>, <c>StartupTests</c>, <c>Reliability/ServiceStatusTopicTests</c>),
/// <c>users add-admin</c> and <c>users add</c> (<c>SecurityTests</c>), <c>records verify</c> of a missing file
/// (<c>ServiceProcessTests</c>). Configured by environment variables, as on the server (systemd, the container).</summary>
public sealed class ServiceCommandLineTests : IDisposable
{
    private readonly TempDirectory _directory = new("cli-service");

    private string RecordsFile => _directory.Combine("records.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TokensAdd_DocumentedForm_PrintsTheSecretOnItsOwnLineAndStoresItsHash()
    {
        var run = await RunAsync("tokens", "add", "--name", "line-3-mes", "--role", "Operator", "--reason", "MES of filling line 3");

        Assert.True(run.ExitCode == 0, run.ToString());
        // Alone on standard output, as the command promises: the host's log lines go to standard error.
        var secret = run.Output.Trim();
        Assert.StartsWith("crm_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', secret);
        Assert.Contains("info:", run.Error, StringComparison.Ordinal);
        using var store = await OpenStoreAsync();
        var token = await store.FindTokenAsync(ApiTokenHandler.HashOf(secret), CancellationToken.None);
        Assert.Equal("line-3-mes", token?.Name);
    }

    [Fact]
    public async Task RecordsBackupThenVerify_StoreWithAnAuditTrail_BackupWrittenAndFoundIntact()
    {
        // A store with an audit entry in it: tokens add writes token.created.
        Assert.Equal(0, (await RunAsync("tokens", "add", "--name", "mes", "--role", "Operator", "--reason", "a store to back up")).ExitCode);
        var backup = _directory.Combine("backup.db");

        var backedUp = await RunAsync("records", "backup", "--to", backup);
        var verified = await RunAsync("records", "verify", backup);

        Assert.True(backedUp.ExitCode == 0, backedUp.ToString());
        Assert.Contains($"backed up {RecordsFile} to {backup}", backedUp.Output, StringComparison.Ordinal);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.StartsWith($"intact: {backup}: schema ", verified.Output, StringComparison.Ordinal);
        Assert.Matches(@"[1-9]\d* audit entries", verified.Output);
        // A command is not the running service: it says nothing of the sign-in key ring (the OQ kit quotes what verify
        // prints, both streams, in its report).
        Assert.DoesNotContain("key ring", verified.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("key ring", backedUp.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordsBackup_TargetExists_ExitsOneAndLeavesItAlone()
    {
        using (await OpenStoreAsync())
        {
        }
        var existing = _directory.Combine("existing.db");
        await File.WriteAllTextAsync(existing, "not to be overwritten");

        var run = await RunAsync("records", "backup", "--to", existing);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("records: ", run.Output, StringComparison.Ordinal);
        Assert.Equal("not to be overwritten", await File.ReadAllTextAsync(existing));
    }

    /// <summary>With the records in PostgreSQL, <c>records verify</c> checks the database in place, and <c>records backup</c>
    /// refuses, naming the option and the site's own backup, rather than pretend.</summary>
    [Fact]
    public async Task RecordsCommands_RecordsInPostgres_VerifyChecksTheDatabaseAndBackupPointsToPgDump()
    {
        await using var postgres = await PostgresProcess.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string> { ["Records__Provider"] = "Postgres", ["Records__ConnectionString"] = database };
        Assert.Equal(0, (await RunAsync(environment, "tokens", "add", "--name", "mes", "--role", "Operator", "--reason", "a store to verify")).ExitCode);
        var backup = _directory.Combine("backup.db");

        var verified = await RunAsync(environment, "records", "verify");
        var backedUp = await RunAsync(environment, "records", "backup", "--to", backup);

        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.StartsWith($"intact: {postgres.Host}:{postgres.Port}/", verified.Output, StringComparison.Ordinal);
        Assert.Matches(@"[1-9]\d* audit entries", verified.Output);
        Assert.True(backedUp.ExitCode == 2, backedUp.ToString());
        Assert.Contains("Records:Provider is Postgres", backedUp.Output, StringComparison.Ordinal);
        Assert.Contains("pg_dump", backedUp.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(backup));
        Assert.False(File.Exists(RecordsFile));   // nothing went to the SQLite file
    }

    /// <summary>Usage errors: exit code 2 and the usage. (The <c>users</c> and <c>records</c> commands print it on
    /// standard output, <c>tokens</c> on standard error.)</summary>
    [Theory]
    [InlineData("usage: CleanroomMonitor.Service records backup --to FILE", false, "records", "backup")]
    [InlineData("usage: CleanroomMonitor.Service records backup --to FILE", false, "records", "verify", "a.db", "b.db")]
    [InlineData("usage: CleanroomMonitor.Service users add-admin --user NAME", false, "users", "add", "--user", "olu", "--name", "Olu Operator")]
    [InlineData("usage: CleanroomMonitor.Service tokens add --name NAME", true, "tokens", "add", "--name", "mes", "--role", "Operator")]
    public async Task BadCommandLine_ExitsTwoWithTheUsage(string usage, bool onStandardError, params string[] arguments)
    {
        var run = await RunAsync(arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(usage, onStandardError ? run.Error : run.Output, StringComparison.Ordinal);
    }

    /// <summary>A mistyped command used to start the service (found while testing issue 24); now it is refused.</summary>
    [Theory]
    [InlineData("records restore /tmp/x.db", "records", "restore", "/tmp/x.db")]
    [InlineData("users delete", "users", "delete", "--user", "olu")]
    [InlineData("start", "start")]
    public async Task UnknownCommand_ExitsTwoNamingItInsteadOfStartingTheService(string named, params string[] arguments)
    {
        var run = await RunAsync(arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"unknown command '{named}'", run.Error, StringComparison.Ordinal);
        Assert.Contains("records backup, records verify", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The service's dll with the environment of a server: facility, records and buffer in the test's folder,
    /// nothing listening on the broker and InfluxDB ports (the commands need neither).</summary>
    private Task<ProgramRun> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string>(), arguments);

    private Task<ProgramRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var facility = _directory.Combine("facility.json");
        if (!File.Exists(facility))
        {
            File.WriteAllText(facility, MonitorRig.FacilityJson);
        }
        return ProgramRun.DotnetAsync(BuiltPrograms.Service, arguments, _directory.Path, new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Facility__File"] = facility,
            ["Records__Path"] = RecordsFile,
            ["Buffer__Path"] = _directory.Combine("buffer"),
            ["Mqtt__Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Influx__Url"] = $"http://127.0.0.1:{FreePort.Next()}",
        }.Concat(environment).GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Last().Value));
    }

    private async Task<RecordStore> OpenStoreAsync()
    {
        var store = new RecordStore(Options.Create(new RecordsOptions { Path = RecordsFile }), NullLogger<RecordStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
