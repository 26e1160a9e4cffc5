using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Simulators.Oq;

/// <summary>The OQ kit's stand-in for the site's SMS gateway: an HTTP listener on loopback that answers every request
/// 202 and keeps it with the moment it arrived. The installation under test has a gateway channel pointing here
/// (<c>Notifications:Gateways:sms:Url</c>), so the kit sees when the SMS would have been handed to the provider.</summary>
internal sealed class GatewayListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<GatewayRequest> _requests = new();

    private GatewayListener(WebApplication app)
    {
        _app = app;
    }

    public int Port { get; private set; }

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<GatewayRequest> Requests => [.. _requests];

    /// <param name="port">The loopback port; 0 lets the system choose (tests).</param>
    public static async Task<GatewayListener> StartAsync(int port, TimeProvider time, CancellationToken cancellationToken)
    {
        // Its own content root: an appsettings.json in the working folder must not configure the kit's listener.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new GatewayListener(app);
        app.Run(async context =>
        {
            var receivedAt = time.GetUtcNow();
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            listener._requests.Enqueue(new GatewayRequest(receivedAt, context.Request.Method, context.Request.Path + context.Request.QueryString, body));
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            await context.Response.WriteAsync("""{"status":"queued","by":"oq-kit"}""", context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        listener.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single()).Port;
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
