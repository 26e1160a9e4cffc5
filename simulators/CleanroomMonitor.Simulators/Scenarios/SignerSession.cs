using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>A person signed in to the service's API with a session cookie (tokens cannot sign: docs/security.md), who
/// acknowledges and closes excursions with electronic signatures: the user id and password again and the meaning
/// (the user id is needed on a session's first signature, and always accepted when it is the signer's own). The account needs
/// the QA role (which may also acknowledge). The password is held only for signing.</summary>
internal sealed class SignerSession(Uri baseAddress, string userName, string password) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer() })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(10),
    };

    private bool _signedIn;

    public string UserName => userName;

    /// <summary>Signs in (once); the answer's antiforgery token goes with every change, as the pages send it.</summary>
    public async Task SignInAsync(CancellationToken cancellationToken)
    {
        if (_signedIn)
        {
            return;
        }
        using var response = await _http.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName, password }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Sign-in of {userName} refused: {(int)response.StatusCode}", null, response.StatusCode);
        }
        var me = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (me.TryGetProperty("mustChangePassword", out var due) && due.ValueKind == JsonValueKind.True)
        {
            // Such a session may do nothing but change the password (docs/security.md); say so rather than fail on 403s later.
            throw new HttpRequestException($"{userName} must first replace the password an admin set (sign in once and change it at /account/password)",
                null, HttpStatusCode.Forbidden);
        }
        _http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", me.GetProperty("csrfToken").GetString());
        _signedIn = true;
    }

    /// <summary>Acknowledges with a signature ("acknowledged"); returns the status code and the body.</summary>
    public Task<(HttpStatusCode Status, string Body)> AcknowledgeAsync(string id, string comment, CancellationToken cancellationToken) =>
        PostAsync($"/api/excursions/{id}/acknowledge", new
        {
            userName,
            password,
            meaning = "acknowledged",
            cause = "other",
            comment,
            immediateAction = "none: simulated excursion of an OQ run",
        }, cancellationToken);

    /// <summary>Closes with QA's signature ("reviewed and closed"), a "no impact" decision for every linked batch.</summary>
    public Task<(HttpStatusCode Status, string Body)> CloseAsync(string id, IEnumerable<string> batches, string reference, CancellationToken cancellationToken) =>
        PostAsync($"/api/excursions/{id}/close", new
        {
            userName,
            password,
            meaning = "reviewed and closed",
            deviation = reference,
            impacts = batches.Select(b => new { batch = b, decision = "no impact", reason = "simulated excursion of an OQ run" }).ToList(),
            capa = (string?)null,
            comment = "OQ run: the signed review sequence",
        }, cancellationToken);

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        await SignInAsync(cancellationToken);
        using var response = await _http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public void Dispose() => _http.Dispose();
}
