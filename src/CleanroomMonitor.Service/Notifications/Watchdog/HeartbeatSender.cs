using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Reflection;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Evaluation;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications.Watchdog;

/// <summary>Calls the watchdog's URL every <see cref="HeartbeatOptions.Interval"/>, but only while the excursion engine is
/// judging: a heartbeat that went on while judging is dead would tell the watchdog all is well when nothing is watched.
/// Failures are counted and logged on change (the first, and the recovery); a call never throws and never holds up
/// anything but the next beat.</summary>
/// <param name="isJudging">The engine's liveness (<see cref="IsJudging"/> in the service; a switch in tests).</param>
internal sealed class HeartbeatSender(IHttpClientFactory http, IOptions<HeartbeatOptions> options, FacilityDefinition facility, EngineView view,
    Func<bool> isJudging, TimeProvider time, IMeterFactory meters, ILogger<HeartbeatSender> logger) : BackgroundService
{
    /// <summary>The named HttpClient: its logging is removed, since headers may carry the watchdog's key.</summary>
    public const string ClientName = "Heartbeat";

    private static readonly string Version = typeof(HeartbeatSender).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    private readonly Counter<long> _sent = meters.Create("CleanroomMonitor.Operations").CreateCounter<long>("cleanroom.heartbeat.sent", "{call}",
        "Heartbeat calls the watchdog answered with success");
    private readonly Counter<long> _failed = meters.Create("CleanroomMonitor.Operations").CreateCounter<long>("cleanroom.heartbeat.failed", "{call}",
        "Heartbeat calls that failed: an error status, no connection, or no answer within the timeout");
    private readonly Counter<long> _skipped = meters.Create("CleanroomMonitor.Operations").CreateCounter<long>("cleanroom.heartbeat.skipped", "{beat}",
        "Heartbeats not sent because the excursion engine was not judging");
    private PeriodicTimer? _timer;
    private bool _beating;
    private bool _failing;

    /// <summary>How long the engine's one-second tick may stand still before the engine counts as stuck.</summary>
    public static readonly TimeSpan EngineStallLimit = TimeSpan.FromSeconds(30);

    /// <summary>The honest signal: the engine restored its state, its loop still runs, and its one-second tick ran within
    /// <see cref="EngineStallLimit"/> of <paramref name="now"/>. Before that (start-up), after it (stopping, or the loop
    /// ended) and while the loop is stuck nothing is judged, so nothing must tell the watchdog otherwise. An engine that
    /// fails ends the host (BackgroundServiceExceptionBehavior.StopHost), which ends the beats too.</summary>
    public static bool IsJudging(ExcursionEngine engine, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Ready.IsCompletedSuccessfully && engine.ExecuteTask is { IsCompleted: false }
            && now - engine.LastTickAt <= EngineStallLimit;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Here rather than in ExecuteAsync, which runs on a task of its own: the first beat is due one interval after
        // the start, however late that task is scheduled.
        if (options.Value.Url is not null)
        {
            _timer = new PeriodicTimer(options.Value.Interval, time);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Url is not { } url || _timer is null)
        {
            return;
        }
        // Only the authority is logged: uptime checkers put their secret in the URL's path.
        var watchdog = url.GetLeftPart(UriPartial.Authority);
        using var timer = _timer;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await BeatAsync(url, watchdog, settings, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task BeatAsync(Uri url, string watchdog, HeartbeatOptions settings, CancellationToken stoppingToken)
    {
        // Each outcome is logged (on a change) before it is counted: whoever sees the count finds the log line written.
        if (!isJudging())
        {
            if (_beating)
            {
                logger.HeartbeatPaused(watchdog);
                _beating = false;
            }
            _skipped.Add(1);
            return;
        }
        if (!_beating)
        {
            logger.HeartbeatBeating(watchdog, settings.Interval, settings.Method);
            _beating = true;
        }
        var failure = await CallAsync(url, settings, stoppingToken);
        if (stoppingToken.IsCancellationRequested)
        {
            return;   // cut short by the stop: neither an answer nor a failure of the watchdog
        }
        if (failure is null)
        {
            if (_failing)
            {
                logger.HeartbeatRecovered(watchdog);
                _failing = false;
            }
            _sent.Add(1);
        }
        else
        {
            if (!_failing)
            {
                logger.HeartbeatFailed(watchdog, failure);
                _failing = true;
            }
            _failed.Add(1);
        }
    }

    /// <returns>Null on success, else why it failed.</returns>
    private async Task<string?> CallAsync(Uri url, HeartbeatOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            using var timeout = new CancellationTokenSource(settings.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            using var request = new HttpRequestMessage(settings.Method == HeartbeatMethod.Post ? HttpMethod.Post : HttpMethod.Get, url);
            foreach (var (name, value) in settings.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            if (settings.Method == HeartbeatMethod.Post)
            {
                var body = new HeartbeatMessage(facility.Site.Id, time.GetUtcNow(), Version, view.Current.Active.Count).ToUtf8();
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            using var response = await http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"no answer within {settings.Timeout}";
        }
        catch (OperationCanceledException)
        {
            return "stopping";
        }
    }
}
