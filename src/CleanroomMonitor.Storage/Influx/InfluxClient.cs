using System.Buffers;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>InfluxDB over its HTTP API: line-protocol writes (<c>/write</c> or <c>/api/v2/write</c>, precision ms),
/// InfluxQL queries (<c>/query</c>, epoch ms) and <c>/ping</c>. Each request is limited by
/// <see cref="InfluxOptions.RequestTimeout"/>, measured on the injected <see cref="TimeProvider"/>.</summary>
public sealed class InfluxClient(HttpClient httpClient, IOptions<InfluxOptions> options, TimeProvider timeProvider)
{
    private const int MaxErrorLength = 2000;

    /// <summary>Writes line protocol (points separated by <c>\n</c>, timestamps in ms).</summary>
    /// <exception cref="InfluxWriteException">Not accepted or not delivered; see <see cref="InfluxWriteException.IsRetryable"/>.</exception>
    public async Task WriteAsync(ReadOnlyMemory<byte> lineProtocol, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, Address(WritePathAndQuery(settings)));
        Authorize(request, settings);
        byte[]? compressed = null;
        request.Content = settings.Gzip ? Gzip(lineProtocol, out compressed) : new ReadOnlyMemoryContent(lineProtocol);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };

        using var timeout = new CancellationTokenSource(settings.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            var error = await ReadErrorAsync(response, linked.Token);
            var status = response.StatusCode;
            throw new InfluxWriteException($"InfluxDB answered {(int)status} {status} to a write: {error}", status, error, IsRetryable(status));
        }
        catch (HttpRequestException ex)
        {
            throw new InfluxWriteException($"InfluxDB at {settings.Url} is unreachable: {ex.Message}", null, null, isRetryable: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InfluxWriteException($"InfluxDB at {settings.Url} did not answer a write within {settings.RequestTimeout}.", null, null, isRetryable: true, ex);
        }
        finally
        {
            if (compressed is not null)
            {
                ArrayPool<byte>.Shared.Return(compressed);
            }
        }
    }

    /// <summary>Runs InfluxQL against <see cref="InfluxOptions.Database"/> (POST, so statements that change data work too).</summary>
    /// <exception cref="InfluxQueryException">InfluxDB reported an error for the request or for any statement.</exception>
    /// <exception cref="HttpRequestException">InfluxDB is unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="InfluxOptions.RequestTimeout"/>.</exception>
    public async Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(influxQl);
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, Address("query"));
        Authorize(request, settings);
        request.Content = new FormUrlEncodedContent(
        [
            new("db", settings.Database),
            new("q", influxQl),
            new("epoch", "ms"),
        ]);
        using var timeout = new CancellationTokenSource(settings.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, linked.Token);
                throw new InfluxQueryException($"InfluxDB answered {(int)response.StatusCode} {response.StatusCode} to '{influxQl}': {error}", response.StatusCode, error);
            }
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            JsonElement root;
            using (var document = await JsonDocument.ParseAsync(body, default, linked.Token))
            {
                root = document.RootElement.Clone();   // one copy that outlives the document, shared by every cell
            }
            return InfluxQueryParser.Parse(root, influxQl, response.StatusCode);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"InfluxDB at {settings.Url} did not answer '{influxQl}' within {settings.RequestTimeout}.", ex);
        }
    }

    /// <summary>True when <c>/ping</c> answers with success within the request timeout; false otherwise.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await httpClient.GetAsync(Address("ping"), linked.Token);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>V1: creates <see cref="InfluxOptions.Database"/> (idempotent in 1.x) and, when set, the
    /// <see cref="InfluxOptions.RetentionPolicy"/> with an infinite duration if it is missing. V2: does nothing,
    /// because buckets are provisioned with their retention by the operator.</summary>
    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.ApiVersion == InfluxApiVersion.V2)
        {
            return;
        }
        var database = QuoteIdentifier(settings.Database);
        await QueryAsync($"CREATE DATABASE {database}", cancellationToken);
        if (string.IsNullOrEmpty(settings.RetentionPolicy))
        {
            return;
        }
        var policies = await QueryAsync($"SHOW RETENTION POLICIES ON {database}", cancellationToken);
        var exists = policies.Series.Any(s => s.Values.Any(row => row[0].GetString() == settings.RetentionPolicy));
        if (!exists)
        {
            await QueryAsync($"CREATE RETENTION POLICY {QuoteIdentifier(settings.RetentionPolicy)} ON {database} DURATION INF REPLICATION 1", cancellationToken);
        }
    }

    /// <summary>Quotes an InfluxQL identifier: <c>"</c> and <c>\</c> are escaped with a backslash.</summary>
    internal static string QuoteIdentifier(string identifier) =>
        "\"" + identifier.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>408, 429 and 5xx pass by themselves; 400 (bad line), 401/403 (credentials), 404 (no database),
    /// 413 (too large) and other 4xx would fail the same way again.</summary>
    internal static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static string WritePathAndQuery(InfluxOptions settings) =>
        settings.ApiVersion == InfluxApiVersion.V2
            ? $"api/v2/write?org={Uri.EscapeDataString(settings.Org ?? "")}&bucket={Uri.EscapeDataString(settings.Bucket ?? "")}&precision=ms"
            : $"write?db={Uri.EscapeDataString(settings.Database)}"
              + (string.IsNullOrEmpty(settings.RetentionPolicy) ? "" : $"&rp={Uri.EscapeDataString(settings.RetentionPolicy)}")
              + "&precision=ms";

    private static void Authorize(HttpRequestMessage request, InfluxOptions settings)
    {
        // Credentials go in headers, never in the query string (u=&p=), which ends up in access logs.
        if (settings.ApiVersion == InfluxApiVersion.V1 && !string.IsNullOrEmpty(settings.Username))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        else if (!string.IsNullOrEmpty(settings.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", settings.Token);
        }
    }

    /// <summary>Compresses into a pooled array (returned by the caller once the request is sent): a fresh one per batch
    /// was a large-object allocation every second that only full collections reclaim.</summary>
    private static ByteArrayContent Gzip(ReadOnlyMemory<byte> lineProtocol, out byte[] buffer)
    {
        // Deflate's worst case (incompressible input) adds about 5 bytes per 16 KB block plus the gzip header and trailer.
        buffer = ArrayPool<byte>.Shared.Rent(lineProtocol.Length + lineProtocol.Length / 1000 + 1024);
        var compressed = new MemoryStream(buffer, 0, buffer.Length, writable: true, publiclyVisible: true);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(lineProtocol.Span);
        }
        var content = new ByteArrayContent(buffer, 0, (int)compressed.Position);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    /// <summary>InfluxDB's error text: <c>{"error": …}</c> (1.x), <c>{"message": …}</c> (2.x), or the raw body.</summary>
    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString()!;
                }
                if (document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): the raw text below is the best there is.
        }
        body = body.Trim();
        if (body.Length == 0)
        {
            return response.ReasonPhrase ?? response.StatusCode.ToString();
        }
        return body.Length <= MaxErrorLength ? body : body[..MaxErrorLength] + "…";
    }

    private Uri Address(string relative)
    {
        var root = options.Value.Url.AbsoluteUri;
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), relative);
    }
}
