using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Records;
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
