using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Service.Tests.Notifications.Watchdog;

/// <summary>A watchdog on loopback (Kestrel on an OS-chosen port) that records every call and answers with
/// <see cref="Status"/>.</summary>
internal sealed class WatchdogServer : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private readonly Channel<WatchdogCall> _calls = Channel.CreateUnbounded<WatchdogCall>();
    private readonly WebApplication _app;
    private int _status = StatusCodes.Status200OK;

    private WatchdogServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            _calls.Writer.TryWrite(new WatchdogCall(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            context.Response.StatusCode = Status;
        });
    }

    /// <summary>The status code the next calls are answered with.</summary>
    public int Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Calls received and not yet taken.</summary>
    public int Waiting => _calls.Reader.Count;

    public static async Task<WatchdogServer> StartAsync()
    {
        var server = new WatchdogServer();
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(new Uri(address), "/ping/secret-check-id");
        return server;
    }

    public async Task<WatchdogCall> NextCallAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(CallTimeout);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record WatchdogCall(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
