using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.TestSupport.Gateway;

/// <summary>A real HTTP server (Kestrel on a free loopback port) standing in for an SMS or voice gateway: it keeps every
/// request as it came over the wire and answers with <see cref="Status"/> and <see cref="Answer"/>.</summary>
public sealed class GatewayReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private int _status = StatusCodes.Status202Accepted;

    private GatewayReceiver(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The status every request is answered with from now on (a test turns the gateway into a failing one).</summary>
    public int Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }

    public string Answer { get; set; } = """{"id":"m-1","status":"queued"}""";

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public static async Task<GatewayReceiver> StartAsync()
    {
        // Its own content root: the service's appsettings.json in the test folder would otherwise set Urls.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new GatewayReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            receiver._requests.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body));
            context.Response.StatusCode = receiver.Status;
            await context.Response.WriteAsync(receiver.Answer, context.RequestAborted);
        });
        await app.StartAsync();
        receiver.BaseUrl = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
