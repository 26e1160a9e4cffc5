using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.DataProtection;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.IntegrationTests;

/// <summary>Issue 22, signing in: the Data Protection key ring that protects sign-in cookies and antiforgery tokens is
/// kept (beside the SQLite records by default), so a restart signs nobody out.</summary>
public sealed class KeyRingTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task SignInCookie_ServiceRestarted_StillSignedInAndAntiforgeryTokenStillValid()
    {
        // The cookie container keys cookies by host, not port: the restarted service's new port gets the same cookies.
        using var op = await _rig.SignInAsync("op");
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync(At("/api/auth/me"))).StatusCode);

        await _rig.StopServiceAsync();
        await _rig.StartServiceAsync();

        var me = await op.GetAsync(At("/api/auth/me"));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("op", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userName").GetString());
        // A change with the antiforgery token issued before the restart: refused with 400 if its key were gone.
        Assert.Equal(HttpStatusCode.NoContent, (await op.PostAsync(At("/api/auth/logout"), null)).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]   // file modes are Unix's: KeyRingSetup sets them only off Windows
    public async Task KeyRing_SqliteRecords_KeptInAnOwnerOnlyFolderBesideThem()
    {
        using var op = await _rig.SignInAsync("op");   // a key exists once something was protected
        var folder = KeyRingSetup.FolderBeside(_rig.App.Services.GetRequiredService<IOptions<RecordsOptions>>().Value.Path);

        Assert.NotEmpty(Directory.GetFiles(folder, "key-*.xml"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Contains(_rig.Log.Entries, e => e.EventId.Id == 5160 && e.Text.Contains(folder, StringComparison.Ordinal));
    }

    private Uri At(string path) => new(_rig.BaseAddress, path);
}

/// <summary>The key ring in PostgreSQL when the records are there (<c>Records:Provider</c> = <c>Postgres</c>). Two
/// instances sharing one database need the record store on PostgreSQL too (docs/scale-out.md); what is tested here is
/// the service putting its keys in that database, and a restart keeping sign-ins through them.</summary>
public sealed class KeyRingPostgresTests : IAsyncLifetime
{
    private PostgresProcess _postgres = null!;
    private string _database = null!;
    private MonitorRig _rig = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresProcess.StartAsync();
        _database = await _postgres.CreateDatabaseAsync();
        _rig = await MonitorRig.StartAsync(new Dictionary<string, string?>
        {
            ["Records:Provider"] = "Postgres",
            ["Records:ConnectionString"] = _database,
        });
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task SignInCookie_KeysInPostgres_ServiceRestartedStillSignedIn()
    {
        using var op = await _rig.SignInAsync("op");
        var folder = KeyRingSetup.FolderBeside(_rig.App.Services.GetRequiredService<IOptions<RecordsOptions>>().Value.Path);

        await _rig.StopServiceAsync();
        await _rig.StartServiceAsync();

        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync(new Uri(_rig.BaseAddress, "/api/auth/me"))).StatusCode);
        Assert.Equal(1L, await KeyCountAsync());
        Assert.False(Directory.Exists(folder), "no key ring folder beside the SQLite file when the keys are in PostgreSQL");
        Assert.Contains(_rig.Log.Entries, e => e.EventId.Id == 5160 && e.Text.Contains(PostgresXmlRepository.TableName, StringComparison.Ordinal));
    }

    private async Task<long> KeyCountAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {PostgresXmlRepository.TableName}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
