using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.TestSupport.Grafana;

/// <summary>A minimal Kestrel app on 127.0.0.1:0 that answers the Grafana HTTP API calls the publisher makes, checks
/// each request against Grafana's documented API (method, path, <c>Authorization: Bearer</c>, <c>Accept</c>,
/// <c>Content-Type</c>, body) and records it. A request that breaks the contract gets a 400 and is listed in
/// <see cref="Violations"/>. <see cref="FailWith"/> makes a path answer an error status instead. Used by the
/// publisher's tests and by the <c>publish</c> command's process test.</summary>
public sealed class FakeGrafana : IAsyncDisposable
{
    public const string Token = "glsa_test_0123456789abcdef";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _failures = new(StringComparer.Ordinal);
    private int _dashboardIds;

    private FakeGrafana(WebApplication app)
    {
        _app = app;
    }

    public Uri Url { get; private set; } = null!;

    public List<(string Method, string Path)> Requests { get; } = [];

    public List<string> Violations { get; } = [];

    public List<JsonObject> SavedBodies { get; } = [];

    public Dictionary<string, (JsonObject Dashboard, string FolderUid, int Version)> Dashboards { get; } = new(StringComparer.Ordinal);

    public List<(string Uid, string Title)> Folders { get; } = [];

    public static async Task<FakeGrafana> StartAsync()
    {
        // Its own content root: the service's appsettings.json next to the integration tests would otherwise set Urls.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGrafana(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake.Url = new Uri(address);
        return fake;
    }

    /// <summary>Requests to <paramref name="pathPrefix"/> answer <paramref name="status"/> with Grafana's error body.</summary>
    public void FailWith(string pathPrefix, HttpStatusCode status, string message, string? grafanaStatus = null) =>
        _failures[pathPrefix] = ((int)status, new JsonObject { ["message"] = message, ["status"] = grafanaStatus }.ToJsonString());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        lock (Requests)
        {
            Requests.Add((request.Method, path));
        }
        JsonNode? body = null;
        if (HttpMethods.IsPost(request.Method))
        {
            if (request.ContentType?.Split(';')[0] != "application/json")
            {
                await RejectAsync(context, $"{path}: Content-Type '{request.ContentType}' is not application/json");
                return;
            }
            body = await JsonNode.ParseAsync(request.Body);
        }
        if (request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            await AnswerAsync(context, 401, new JsonObject { ["message"] = "invalid API key" });
            return;
        }
        if (!request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            await RejectAsync(context, $"{path}: Accept '{request.Headers.Accept}' does not ask for JSON");
            return;
        }
        if (_failures.FirstOrDefault(f => path.StartsWith(f.Key, StringComparison.Ordinal)) is { Key: not null } failure)
        {
            context.Response.StatusCode = failure.Value.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(failure.Value.Body);
            return;
        }
        switch (request.Method, path)
        {
            case ("GET", "/api/folders"):
                await AnswerAsync(context, 200, new JsonArray(Folders.Select(f => (JsonNode)new JsonObject { ["id"] = 1, ["uid"] = f.Uid, ["title"] = f.Title }).ToArray()));
                return;
            case ("POST", "/api/folders"):
                if (body?["title"]?.GetValue<string>() is not { Length: > 0 } title || body["uid"]?.GetValue<string>() is not { Length: > 0 and <= 40 } uid)
                {
                    await RejectAsync(context, "POST /api/folders needs a title and a uid of at most 40 characters");
                    return;
                }
                Folders.Add((uid, title));
                await AnswerAsync(context, 200, new JsonObject { ["id"] = Folders.Count, ["uid"] = uid, ["title"] = title });
                return;
            case ("GET", _) when path.StartsWith("/api/dashboards/uid/", StringComparison.Ordinal):
                var wanted = path["/api/dashboards/uid/".Length..];
                if (!Dashboards.TryGetValue(wanted, out var stored))
                {
                    await AnswerAsync(context, 404, new JsonObject { ["message"] = "Dashboard not found" });
                    return;
                }
                var copy = (JsonObject)stored.Dashboard.DeepClone();
                copy["version"] = stored.Version;
                await AnswerAsync(context, 200, new JsonObject { ["dashboard"] = copy, ["meta"] = new JsonObject { ["folderUid"] = stored.FolderUid } });
                return;
            case ("POST", "/api/dashboards/db"):
                await SaveAsync(context, body as JsonObject);
                return;
            default:
                await AnswerAsync(context, 404, new JsonObject { ["message"] = "Not found" });
                return;
        }
    }

    private async Task SaveAsync(HttpContext context, JsonObject? body)
    {
        var problems = new List<string>();
        if (body?["dashboard"] is not JsonObject dashboard)
        {
            await RejectAsync(context, "POST /api/dashboards/db without a dashboard object");
            return;
        }
        var uid = dashboard["uid"]?.GetValue<string>() ?? "";
        if (uid.Length is 0 or > 40)
        {
            problems.Add($"dashboard.uid '{uid}' must be 1-40 characters");
        }
        if (dashboard["title"]?.GetValue<string>() is not { Length: > 0 })
        {
            problems.Add("dashboard.title is required");
        }
        if (dashboard["id"] is not null)
        {
            problems.Add("dashboard.id must be null or absent to save by uid");
        }
        if (body["overwrite"]?.GetValue<bool>() != true)
        {
            problems.Add("overwrite must be true");
        }
        var folderUid = body["folderUid"]?.GetValue<string>() ?? "";
        if (Folders.All(f => f.Uid != folderUid))
        {
            problems.Add($"folderUid '{folderUid}' is not a folder");
        }
        if (body["message"]?.GetValue<string>() is not { Length: > 0 })
        {
            problems.Add("message is expected");
        }
        if (problems.Count > 0)
        {
            await RejectAsync(context, string.Join("; ", problems));
            return;
        }
        lock (SavedBodies)
        {
            SavedBodies.Add(body);
        }
        var version = Dashboards.TryGetValue(uid, out var old) ? old.Version + 1 : 1;
        Dashboards[uid] = ((JsonObject)dashboard.DeepClone(), folderUid, version);
        await AnswerAsync(context, 200, new JsonObject
        {
            ["id"] = Interlocked.Increment(ref _dashboardIds),
            ["uid"] = uid,
            ["url"] = $"/d/{uid}/slug",
            ["status"] = "success",
            ["version"] = version,
            ["slug"] = "slug",
        });
    }

    private async Task RejectAsync(HttpContext context, string violation)
    {
        lock (Violations)
        {
            Violations.Add(violation);
        }
        await AnswerAsync(context, 400, new JsonObject { ["message"] = violation });
    }

    private static async Task AnswerAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
