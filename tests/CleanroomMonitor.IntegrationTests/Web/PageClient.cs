using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>A browser without a browser: a cookie session (or none) that reads pages and posts their forms with the
/// antiforgery token taken from the page, as a browser would. Redirects are followed, so a refused POST ends on
/// /denied (403) and an anonymous one on /login.</summary>
public sealed partial class PageClient : IDisposable
{
    private readonly HttpClient _http;

    private PageClient(Uri baseAddress) =>
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static PageClient Anonymous(MonitorRig rig) => new(rig.BaseAddress);

    /// <summary>Signs in through the JSON API (the same cookie the login page sets); no antiforgery header is kept, so
    /// every form post must carry the page's token.</summary>
    public static async Task<PageClient> SignInAsync(MonitorRig rig, string userName, string password = MonitorRig.Password)
    {
        var client = new PageClient(rig.BaseAddress);
        var response = await client._http.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<string> GetHtmlAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form of <paramref name="page"/> to its <paramref name="handler"/>, with the antiforgery token the
    /// page rendered unless <paramref name="withToken"/> is false (a forged cross-site post).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string handler, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var form = fields.ToList();
        if (withToken)
        {
            var html = await GetHtmlAsync(page);
            form.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value)));
        }
        var separator = page.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return await _http.PostAsync(new Uri($"{page}{separator}handler={handler}", UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>The token of a page whose forms the user cannot see (the sign-out form is on every page): a hand-made post.</summary>
    public async Task<HttpResponseMessage> PostWithAnyTokenAsync(string tokenFrom, string target, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await GetHtmlAsync(tokenFrom);
        var form = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value)));
        return await _http.PostAsync(new Uri(target, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>A JSON API call with this session's cookie and the antiforgery header, as the pages' script would send.</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, object body, bool withToken = true) => SendJsonAsync(HttpMethod.Post, path, body, withToken);

    public Task<HttpResponseMessage> PutJsonAsync(string path, object body, bool withToken = true) => SendJsonAsync(HttpMethod.Put, path, body, withToken);

    private async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, object body, bool withToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (withToken)
        {
            var me = await _http.GetFromJsonAsync<JsonElement>(new Uri("/api/auth/me", UriKind.Relative));
            request.Headers.Add("X-CSRF-TOKEN", me.GetProperty("csrfToken").GetString());
        }
        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    public static KeyValuePair<string, string> F(string name, string value) => new(name, value);
}
