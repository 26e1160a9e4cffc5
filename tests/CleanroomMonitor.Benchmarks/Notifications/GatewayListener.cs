using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Benchmarks.Notifications;

/// <summary>An SMS gateway on loopback (Kestrel in the benchmark process): every request to <c>/sms</c> is recorded with the
/// moment its handler ran and the fields of its JSON body, and answered 202 as a provider's API would.</summary>
/// <remarks>The service is configured with the body <see cref="BodyTemplate"/>, so a request names its excursion, its
/// sensor and the phone number it is for.</remarks>
internal sealed class GatewayListener : IAsyncDisposable
{
    /// <summary>The gateway's <c>Body</c> setting: the placeholders the service fills for each message.</summary>
    public const string BodyTemplate = """{"to":"{to}","excursion":"{excursionId}","sensor":"{sensor}","text":"{subject}"}""";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Request> _requests = new();

    private GatewayListener(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>One request as it arrived: <paramref name="At"/> when its handler started (headers in, on this machine's clock).</summary>
    public sealed record Request(DateTimeOffset At, string To, Guid Excursion, string Sensor);

    /// <summary>The URL to configure as the gateway's <c>Url</c>.</summary>
    public Uri Url { get; }

    public int Count => _requests.Count;

    public IReadOnlyList<Request> Requests => [.. _requests];

    public static async Task<GatewayListener> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var listener = new GatewayListener(app, new Uri($"http://127.0.0.1:{port}/sms"));
        var sequence = 0;
        app.MapPost("/sms", async (HttpRequest request, CancellationToken ct) =>
        {
            var at = DateTimeOffset.UtcNow;
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            var root = body.RootElement;
            listener._requests.Enqueue(new Request(at, root.GetProperty("to").GetString() ?? string.Empty,
                Guid.Parse(root.GetProperty("excursion").GetString() ?? string.Empty), root.GetProperty("sensor").GetString() ?? string.Empty));
            return Results.Json(new { id = $"m-{Interlocked.Increment(ref sequence)}", status = "queued" }, statusCode: StatusCodes.Status202Accepted);
        });
        await app.StartAsync(cancellationToken);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
