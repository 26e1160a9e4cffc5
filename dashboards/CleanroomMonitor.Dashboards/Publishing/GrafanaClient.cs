using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanroomMonitor.Dashboards.Publishing;

/// <summary>The few calls of Grafana's HTTP API the publisher needs (no Grafana client package is on the NuGet mirror):
/// list and create folders, read a dashboard by uid, and save one through <c>POST /api/dashboards/db</c>. Every
/// request carries <c>Authorization: Bearer &lt;service-account token&gt;</c>; every error answer becomes a
/// <see cref="GrafanaApiException"/> whose message says what it means (<see cref="GrafanaErrors"/>).</summary>
public sealed class GrafanaClient(HttpClient http, Uri grafana, string token)
{
    private readonly Uri _base = grafana.AbsoluteUri.EndsWith('/') ? grafana : new Uri(grafana.AbsoluteUri + "/");

    public Uri Address => grafana;

    public async Task<IReadOnlyList<GrafanaFolder>> GetFoldersAsync(CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, "api/folders?limit=1000", null, allowNotFound: false, cancellationToken);
        return body!.AsArray()
            .Select(f => new GrafanaFolder(f?["uid"]?.GetValue<string>() ?? "", f?["title"]?.GetValue<string>() ?? ""))
            .ToList();
    }

    public async Task<GrafanaFolder> CreateFolderAsync(string uid, string title, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Post, "api/folders", new JsonObject { ["uid"] = uid, ["title"] = title }, allowNotFound: false, cancellationToken);
        return new GrafanaFolder(body?["uid"]?.GetValue<string>() ?? uid, body?["title"]?.GetValue<string>() ?? title);
    }

    /// <summary>The dashboard with this uid, or null when Grafana has none.</summary>
    public async Task<StoredDashboard?> GetDashboardAsync(string uid, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, $"api/dashboards/uid/{Uri.EscapeDataString(uid)}", null, allowNotFound: true, cancellationToken);
        if (body?["dashboard"] is not JsonObject dashboard)
        {
            return null;
        }
        return new StoredDashboard(dashboard, body["meta"]?["folderUid"]?.GetValue<string>());
    }

    /// <summary>Creates or replaces the dashboard with the same uid in <paramref name="folderUid"/> (overwrite: true).
    /// Returns the version Grafana stored.</summary>
    public async Task<int> SaveDashboardAsync(JsonObject dashboard, string folderUid, string message, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["dashboard"] = dashboard,
            ["folderUid"] = folderUid,
            ["overwrite"] = true,
            ["message"] = message,
        };
        var body = await SendAsync(HttpMethod.Post, "api/dashboards/db", request, allowNotFound: false, cancellationToken);
        return body?["version"]?.GetValue<int>() ?? 0;
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? content, bool allowNotFound, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (content is not null)
        {
            request.Content = new StringContent(content.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        var what = $"{method} /{path.Split('?')[0]}";
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new GrafanaApiException($"{what}: Grafana at {grafana} is unreachable: {ex.Message}", null, null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GrafanaApiException($"{what}: Grafana at {grafana} did not answer within {http.Timeout}.", null, null, ex);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return text.Length == 0 ? null : JsonNode.Parse(text);
            }
            if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            var (message, status) = ErrorOf(text);
            throw new GrafanaApiException(GrafanaErrors.Describe(response.StatusCode, what, message, status, grafana), response.StatusCode, message);
        }
    }

    /// <summary>Grafana's error body: <c>{"message": "…", "status": "version-mismatch"}</c>, or plain text.</summary>
    private static (string? Message, string? Status) ErrorOf(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject error)
            {
                return (error["message"]?.ToString(), error["status"]?.ToString());
            }
        }
        catch (JsonException)
        {
        }
        return (text.Length == 0 ? null : text.Length > 300 ? text[..300] : text, null);
    }
}
