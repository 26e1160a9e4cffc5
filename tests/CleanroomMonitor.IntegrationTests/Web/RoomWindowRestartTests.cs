using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>Windows declared through the API survive a restart of the service: the rooms keep the state the windows
/// give them, the windows are listed, and ending one afterwards works as before (a GMP defect when they were lost:
/// a room in operation fell back to at-rest limits, a non-monitoring window stopped suppressing judgement).</summary>
public sealed class RoomWindowRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri U(string path) => new(path, UriKind.Relative);

    private async Task<JsonElement> DeclareAsync(string room, string kind, string reason)
    {
        var response = await _rig.Http.PostAsJsonAsync(U($"/api/rooms/{room}/windows"), new { kind, to = DateTimeOffset.UtcNow.AddHours(1), reason });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> EndAsync(string room, JsonElement window) =>
        await _rig.Http.PostAsJsonAsync(U($"/api/rooms/{room}/windows/{window.GetProperty("id").GetGuid()}/end"), new { reason = "work finished" });

    private async Task<JsonElement> RoomAsync(string room) =>
        (await _rig.Http.GetFromJsonAsync<JsonElement>(U("/api/rooms"))).EnumerateArray().Single(r => r.GetProperty("id").GetString() == room);

    private Task PublishTemperatureAsync(double value, DateTimeOffset at) =>
        _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"),
            $$$"""{"ts":"{{{at.ToString("O", CultureInfo.InvariantCulture)}}}","values":{"temperature":{{{value.ToString(CultureInfo.InvariantCulture)}}}}}""");

    [Fact]
    public async Task Restart_DeclaredWindows_RoomsKeepTheirStateAndTheWindowsAreListedAndEndable()
    {
        var operation = await DeclareAsync("al1", "operation", "engineering run");
        var nonMonitoring = await DeclareAsync("cr1", "non-monitoring", "AAV vector handling");
        var inOperationSince = (await RoomAsync("al1")).GetProperty("since").GetDateTimeOffset();

        await _rig.StopServiceAsync();
        await _rig.StartServiceAsync();

        foreach (var (room, declared) in new[] { ("al1", operation), ("cr1", nonMonitoring) })
        {
            var listed = Assert.Single((await _rig.Http.GetFromJsonAsync<JsonElement>(U($"/api/rooms/{room}/windows"))).EnumerateArray());
            Assert.Equal(declared.GetProperty("id").GetGuid(), listed.GetProperty("id").GetGuid());
            Assert.Equal(declared.GetProperty("to").GetDateTimeOffset(), listed.GetProperty("to").GetDateTimeOffset());
        }
        Assert.Equal("NotMonitored", (await RoomAsync("cr1")).GetProperty("state").GetString());
        // An action-level breach inside the restored non-monitoring window is stored, not judged; the same breach after
        // the window is ended is. Had the window been lost, the first would have raised the excursion.
        await PublishTemperatureAsync(30, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await EndAsync("cr1", nonMonitoring)).StatusCode);
        var afterTheWindow = DateTimeOffset.UtcNow;
        await PublishTemperatureAsync(30, afterTheWindow);
        List<Excursion> raised = [];
        await MonitorRig.WaitUntilAsync(async ct =>
            {
                raised = (await _rig.Http.GetFromJsonAsync<List<Excursion>>(U("/api/excursions?sensor=th1"), MonitorRig.Json, ct))!
                    .Where(e => e.Kind == ExcursionKind.Temperature).ToList();
                return raised.Count > 0;
            }, Patience, "the temperature excursion after the window");
        Assert.Equal(afterTheWindow.ToUnixTimeMilliseconds(), Assert.Single(raised).StartedAt.ToUnixTimeMilliseconds());
        // The operation window still holds al1 in operation, unchanged since it was declared, until it is ended.
        var al1 = await RoomAsync("al1");
        Assert.Equal(("InOperation", inOperationSince), (al1.GetProperty("state").GetString(), al1.GetProperty("since").GetDateTimeOffset()));
        Assert.Equal(HttpStatusCode.OK, (await EndAsync("al1", operation)).StatusCode);
        Assert.Equal("CleanUp", (await RoomAsync("al1")).GetProperty("state").GetString());
    }
}
