using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>What the scenario runner reads from the service's API (docs/excursions.md#api, /api/ingest): excursions,
/// batches, rejection counts, the latest readings, the audit trail and the installation's identity (/api/about), with a
/// bearer token (a Viewer role is enough); what it changes: room windows (the token then needs the Operator role), and
/// with <c>oq run --submit</c> the OQ record store (POST /api/qualification/runs).</summary>
internal sealed class ServiceApi(Uri baseAddress, string token) : IDisposable
{
    private readonly HttpClient _http = Create(baseAddress, token);

    public Uri BaseAddress => baseAddress;

    /// <summary>The API token: the scenario's MES names it in its batch messages, which the service authenticates with it.</summary>
    public string Token => token;

    public async Task<IReadOnlyList<JsonElement>> ExcursionsAsync(string? sensor, string? room, CancellationToken cancellationToken)
    {
        var query = sensor is not null ? $"sensor={Uri.EscapeDataString(sensor)}" : $"room={Uri.EscapeDataString(room ?? "")}";
        var json = await GetAsync($"/api/excursions?{query}", cancellationToken);
        return [.. json.EnumerateArray()];
    }

    /// <summary>One excursion with its history, or null (404).</summary>
    public async Task<JsonElement?> ExcursionAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"/api/excursions/{Uri.EscapeDataString(id)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
    }

    /// <summary>The valid, live readings stored for a sensor parameter in a period (GET /api/readings), oldest first.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset At, double Value)>> StoredValuesAsync(string sensor, string parameter, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        static string Time(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var json = await GetAsync($"/api/readings?sensor={Uri.EscapeDataString(sensor)}&parameter={Uri.EscapeDataString(parameter)}&from={Time(from)}&to={Time(to)}",
            cancellationToken);
        return [.. json.GetProperty("readings").EnumerateArray()
            .Where(r => r.GetProperty("faults").GetInt64() == 0 && !r.GetProperty("historical").GetBoolean() && !r.GetProperty("outOfService").GetBoolean())
            .Select(r => (r.GetProperty("at").GetDateTimeOffset(), r.GetProperty("value").GetDouble()))];
    }

    /// <summary>The excursions that overlap the time from <paramref name="from"/> on (newest first, at most 500).</summary>
    public async Task<IReadOnlyList<JsonElement>> ExcursionsSinceAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var json = await GetAsync($"/api/excursions?from={Uri.EscapeDataString(from.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}", cancellationToken);
        return [.. json.EnumerateArray()];
    }

    /// <summary>Every excursion the token may see (the whole log for the facility's own staff).</summary>
    public async Task<int> ExcursionCountAsync(CancellationToken cancellationToken) =>
        (await GetAsync("/api/excursions", cancellationToken)).GetArrayLength();

    /// <summary>The audit trail of one entity (an excursion id, a batch number, a room id), oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> AuditAsync(string? entity, CancellationToken cancellationToken)
    {
        var json = await GetAsync(entity is null ? "/api/audit" : $"/api/audit?entity={Uri.EscapeDataString(entity)}", cancellationToken);
        return [.. json.EnumerateArray()];
    }

    /// <summary>The hash-chain check of the whole audit trail (isIntact, entries, firstBrokenSequence, detail).</summary>
    public Task<JsonElement> VerifyAuditAsync(CancellationToken cancellationToken) => GetAsync("/api/audit/verify", cancellationToken);

    /// <summary>Declares a room window; a refusal throws with the service's reason.</summary>
    public async Task DeclareWindowAsync(WindowDeclaration window, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri($"/api/rooms/{Uri.EscapeDataString(window.Room)}/windows", UriKind.Relative),
            new { kind = window.Kind, from = window.From, to = window.To, reason = window.Reason }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The service refused the {window.Kind} window for room {window.Room}: {(int)response.StatusCode} "
                + await response.Content.ReadAsStringAsync(cancellationToken), null, response.StatusCode);
        }
    }

    /// <summary>The batch, or null when the service does not know it (404).</summary>
    public async Task<JsonElement?> BatchAsync(string number, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"/api/batches/{Uri.EscapeDataString(number)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
    }

    /// <summary>Rejections counted so far, by reason.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RejectionsAsync(CancellationToken cancellationToken)
    {
        var json = await GetAsync("/api/ingest", cancellationToken);
        return json.GetProperty("rejections").EnumerateArray()
            .ToDictionary(r => r.GetProperty("reason").GetString()!, r => r.GetProperty("count").GetInt64(), StringComparer.Ordinal);
    }

    /// <summary>The timestamp of the latest accepted reading of each sensor.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LatestAsync(CancellationToken cancellationToken)
    {
        var json = await GetAsync("/api/readings/latest", cancellationToken);
        var latest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var reading in json.EnumerateArray())
        {
            var sensor = reading.GetProperty("sensor").GetString()!;
            var at = reading.GetProperty("timestamp").GetDateTimeOffset();
            if (!latest.TryGetValue(sensor, out var known) || at > known)
            {
                latest[sensor] = at;
            }
        }
        return latest;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The installation as it states itself (GET /api/about), or why it did not: an installation older than the
    /// endpoint answers 404.</summary>
    public async Task<(Oq.InstallationAbout? About, string? Why)> AboutAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri("/api/about", UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, $"GET /api/about answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        try
        {
            return (JsonSerializer.Deserialize<Oq.InstallationAbout>(await response.Content.ReadAsStringAsync(cancellationToken), Web), null);
        }
        catch (JsonException ex)
        {
            return (null, "GET /api/about gave no identity the kit can read: " + ex.Message);
        }
    }

    /// <summary>Submits an OQ run's report to the installation's record store (POST /api/qualification/runs).</summary>
    /// <returns>The record's id and its page's address.</returns>
    /// <exception cref="HttpRequestException">Refused (400, 409…), with the service's ProblemDetails detail as message.</exception>
    public async Task<(string Id, Uri Url)> SubmitRunAsync(Oq.OqSubmission run, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("/api/qualification/runs", UriKind.Relative), run, Web, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}: {ProblemDetail(text)}", null, response.StatusCode);
        }
        using var created = JsonDocument.Parse(text);
        var id = created.RootElement.TryGetProperty("id", out var i) && i.GetString() is { } given ? given : run.RunId;
        var url = created.RootElement.TryGetProperty("url", out var u) && u.GetString() is { } page ? page : $"/Qualification/Run/{Uri.EscapeDataString(id)}";
        return (id, new Uri(baseAddress, url));
    }

    /// <summary>A ProblemDetails' detail (else its title), or the answer as it came.</summary>
    public static string ProblemDetail(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            foreach (var name in new[] { "detail", "title" })
            {
                if (problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty(name, out var value)
                    && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                {
                    return text;
                }
            }
        }
        catch (JsonException)
        {
            // not JSON: the body itself says what there is to say
        }
        return body.Length == 0 ? "(no detail)" : body;
    }

    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
    }

    private static HttpClient Create(Uri baseAddress, string token)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public void Dispose() => _http.Dispose();
}
