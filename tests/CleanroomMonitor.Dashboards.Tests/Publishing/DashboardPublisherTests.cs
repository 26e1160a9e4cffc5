using System.Net;
using System.Text.Json.Nodes;
using CleanroomMonitor.Dashboards.Generation;
using CleanroomMonitor.Dashboards.Publishing;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.TestSupport.Grafana;

namespace CleanroomMonitor.Dashboards.Tests.Publishing;

/// <summary>The publisher against a local HTTP server that checks every request against Grafana's documented API (a
/// real Grafana cannot be installed on these machines).</summary>
public sealed class DashboardPublisherTests : IAsyncLifetime, IDisposable
{
    private const string Folder = "Cleanroom monitoring";
    private readonly HttpClient _http = new();
    private readonly StringWriter _output = new();
    private FakeGrafana _grafana = null!;

    private static IReadOnlyList<GeneratedDashboard> Dashboards => DemoDashboards.All;

    public async Task InitializeAsync() => _grafana = await FakeGrafana.StartAsync();

    public async Task DisposeAsync() => await _grafana.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _output.Dispose();
    }

    [Fact]
    public async Task PublishAsync_EmptyGrafana_CreatesTheFolderThenEveryDashboardByUid()
    {
        var changes = await PublishAsync(dryRun: false);

        Assert.Empty(_grafana.Violations);
        Assert.All(changes, c => Assert.Equal(DashboardChangeKind.Create, c.Kind));
        var expected = new List<(string, string)> { ("GET", "/api/folders"), ("POST", "/api/folders") };
        foreach (var dashboard in Dashboards)
        {
            expected.Add(("GET", $"/api/dashboards/uid/{dashboard.Dashboard.Uid}"));
            expected.Add(("POST", "/api/dashboards/db"));
        }
        Assert.Equal(expected, _grafana.Requests);
        Assert.Equal([(DashboardUid.Folder(Folder), Folder)], _grafana.Folders);
        var first = _grafana.SavedBodies[0];
        Assert.Equal(DashboardUid.Folder(Folder), first["folderUid"]!.GetValue<string>());
        Assert.True(first["overwrite"]!.GetValue<bool>());
        Assert.Contains(DemoDashboards.Facility.Version, first["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Dashboards[0].Json), first["dashboard"]), "the body's dashboard is not the generated JSON");
    }

    [Fact]
    public async Task PublishAsync_SecondRunWithNothingChanged_SavesNothing()
    {
        await PublishAsync(dryRun: false);
        _grafana.Requests.Clear();

        var changes = await PublishAsync(dryRun: false);

        Assert.All(changes, c => Assert.Equal(DashboardChangeKind.Unchanged, c.Kind));
        Assert.All(_grafana.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Empty(_grafana.Violations);
    }

    [Fact]
    public async Task PublishAsync_ExistingFolderAndOneChangedDashboard_UpdatesOnlyThatOneInTheExistingFolder()
    {
        _grafana.Folders.Add(("existing-uid", Folder));
        await PublishAsync(dryRun: false);
        var uid = Dashboards[1].Dashboard.Uid;
        var stored = _grafana.Dashboards[uid];
        stored.Dashboard["title"] = "edited in the UI";
        _grafana.Dashboards[uid] = stored;
        _grafana.SavedBodies.Clear();

        var changes = await PublishAsync(dryRun: false);

        var update = Assert.Single(changes, c => c.Kind == DashboardChangeKind.Update);
        Assert.Equal(uid, update.Uid);
        Assert.Equal(["title"], update.Differences);
        var saved = Assert.Single(_grafana.SavedBodies);
        Assert.Equal("existing-uid", saved["folderUid"]!.GetValue<string>());
        Assert.Equal(2, _grafana.Dashboards[uid].Version);
        Assert.DoesNotContain(_grafana.Requests, r => r == ("POST", "/api/folders"));
    }

    [Fact]
    public async Task PublishAsync_DryRun_MakesOnlyGetRequestsAndPrintsWhatWouldChange()
    {
        await PublishAsync(dryRun: false);
        var uid = Dashboards[2].Dashboard.Uid;
        var stored = _grafana.Dashboards[uid];
        ((JsonArray)stored.Dashboard["panels"]!).RemoveAt(1);
        _grafana.Requests.Clear();
        _grafana.SavedBodies.Clear();

        var changes = await PublishAsync(dryRun: true);

        Assert.All(_grafana.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Empty(_grafana.SavedBodies);
        var update = Assert.Single(changes, c => c.Kind == DashboardChangeKind.Update);
        Assert.Contains("panels added: ", update.Differences[0], StringComparison.Ordinal);
        Assert.Contains($"dry run: update    {uid}", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_DryRunOnEmptyGrafana_ListsTheFolderAndDashboardsItWouldCreate()
    {
        var changes = await PublishAsync(dryRun: true);

        Assert.All(_grafana.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Empty(_grafana.Folders);
        Assert.Equal(Dashboards.Count, changes.Count(c => c.Kind == DashboardChangeKind.Create));
        Assert.Contains($"would create folder \"{Folder}\"", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_DryRunWithGrafanaUnreachable_ListsWhatWouldBeCreated()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var publisher = new DashboardPublisher(new GrafanaClient(_http, closed, FakeGrafana.Token), _output);

        var changes = await publisher.PublishAsync(Dashboards, Folder, "v1", dryRun: true, CancellationToken.None);

        Assert.Equal(Dashboards.Count, changes.Count);
        Assert.Contains("unreachable", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_WrongToken_FailsWith401AndNamesTheTokenVariable()
    {
        var publisher = new DashboardPublisher(new GrafanaClient(_http, _grafana.Url, "wrong"), _output);

        var ex = await Assert.ThrowsAsync<GrafanaApiException>(() => publisher.PublishAsync(Dashboards, Folder, "v1", false, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.Status);
        Assert.Contains("401 Unauthorized", ex.Message, StringComparison.Ordinal);
        Assert.Contains(GrafanaToken.EnvironmentVariable, ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid API key", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/folders", HttpStatusCode.Forbidden, null, "403 Forbidden: the service account may not do this")]
    [InlineData("/api/dashboards/db", HttpStatusCode.Forbidden, null, "dashboards:write")]
    [InlineData("/api/dashboards/db", HttpStatusCode.NotFound, null, "404 Not Found")]
    [InlineData("/api/dashboards/db", HttpStatusCode.PreconditionFailed, "version-mismatch", "version conflict")]
    [InlineData("/api/dashboards/db", HttpStatusCode.PreconditionFailed, "name-exists", "same title already exists in the folder")]
    [InlineData("/api/dashboards/db", HttpStatusCode.InternalServerError, null, "POST /api/dashboards/db: 500 InternalServerError")]
    public async Task PublishAsync_GrafanaAnswersAnError_FailsWithAMessageThatSaysWhatToDo(string path, HttpStatusCode status, string? grafanaStatus, string expected)
    {
        _grafana.FailWith(path, status, "refused by the test", grafanaStatus);

        var ex = await Assert.ThrowsAsync<GrafanaApiException>(() => PublishAsync(dryRun: false));

        Assert.Equal(status, ex.Status);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("refused by the test", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_grafana.Violations);
    }

    [Fact]
    public async Task PublishAsync_GrafanaUnderASubPath_KeepsThePrefix()
    {
        var publisher = new DashboardPublisher(new GrafanaClient(_http, new Uri(_grafana.Url, "/grafana"), FakeGrafana.Token), _output);

        var ex = await Assert.ThrowsAsync<GrafanaApiException>(() => publisher.PublishAsync(Dashboards, Folder, "v1", false, CancellationToken.None));

        Assert.Equal(("GET", "/grafana/api/folders"), _grafana.Requests.Single());
        Assert.Contains("sub-path", ex.Message, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<DashboardChange>> PublishAsync(bool dryRun) =>
        await new DashboardPublisher(new GrafanaClient(_http, _grafana.Url, FakeGrafana.Token), _output)
            .PublishAsync(Dashboards, Folder, DemoDashboards.Facility.Version, dryRun, CancellationToken.None);
}
