using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.TestSupport;

/// <summary>The service started in-process on loopback, as Program.cs composes it, with its log collected; stopped and
/// disposed together.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private RunningService(WebApplication app, ServiceSettings settings, ServiceLog log, IReadOnlyList<Uri> addresses)
    {
        App = app;
        Settings = settings;
        Log = log;
        Addresses = addresses;
    }

    public WebApplication App { get; }

    public ServiceSettings Settings { get; }

    public ServiceLog Log { get; }

    /// <summary>Every address it listens on (the first is the web and API address).</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    public Uri BaseAddress => Addresses[0];

    public static async Task<RunningService> StartAsync(ServiceBuilder build, ServiceSettings settings, ServiceLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var app = build([], settings.ToConfiguration(), log.AttachTo);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new RunningService(app, settings, log, addresses);
    }

    /// <summary>Waits until /readyz answers success (broker connected, InfluxDB reachable, rule state restored); a refused
    /// connection counts as "not yet" (<see cref="Eventually.UntilReachableAsync"/>). On a timeout the message carries the tail of the service's log.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.UntilReachableAsync(async ct =>
        {
            using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative), ct);
            return response.IsSuccessStatusCode;
        }, timeout, "the service to be ready", () => Task.FromResult("Service log:\n" + Log.Tail()), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
