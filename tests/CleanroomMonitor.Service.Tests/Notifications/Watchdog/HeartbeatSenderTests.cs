using System.Diagnostics.Metrics;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Notifications.Watchdog;
using CleanroomMonitor.Service.Tests.Evaluation;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanroomMonitor.Service.Tests.Notifications.Watchdog;

/// <summary>The heartbeat against a real HTTP watchdog on loopback, on a clock that moves only when the test moves it:
/// each beat is awaited as a call (and its outcome as a counted measurement), never slept for.</summary>
public sealed class HeartbeatSenderTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MeasurementTimeout = TimeSpan.FromSeconds(20);

    private readonly ServiceProvider _services = BuildServices();
    private readonly FakeTimeProvider _time = new(EngineStage.T0);
    private readonly FakeLogger<HeartbeatSender> _log = new();
    private readonly FacilityDefinition _facility = FacilityReader.Parse(EngineStage.FacilityJson, "facility.json");
    private readonly MetricCollector<long> _sent;
    private readonly MetricCollector<long> _failed;
    private readonly MetricCollector<long> _skipped;
    private WatchdogServer _watchdog = null!;
    private HeartbeatSender? _sut;
    private volatile bool _judging = true;

    public HeartbeatSenderTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _sent = new MetricCollector<long>(meters, "CleanroomMonitor.Operations", "cleanroom.heartbeat.sent");
        _failed = new MetricCollector<long>(meters, "CleanroomMonitor.Operations", "cleanroom.heartbeat.failed");
        _skipped = new MetricCollector<long>(meters, "CleanroomMonitor.Operations", "cleanroom.heartbeat.skipped");
    }

    public async Task InitializeAsync() => _watchdog = await WatchdogServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_sut is not null)
        {
            await _sut.StopAsync(CancellationToken.None);
            _sut.Dispose();
        }
        _sent.Dispose();
        _failed.Dispose();
        _skipped.Dispose();
        await _watchdog.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task ExecuteAsync_EachInterval_CallsTheWatchdogOnce()
    {
        await StartAsync(new HeartbeatOptions { Url = _watchdog.Url });

        for (var beat = 1; beat <= 3; beat++)
        {
            Beat();
            var call = await _watchdog.NextCallAsync();
            await _sent.WaitForMeasurementsAsync(beat, MeasurementTimeout);

            Assert.Equal("GET", call.Method);
            Assert.Equal("/ping/secret-check-id", call.PathAndQuery);
            Assert.Equal(string.Empty, call.Body);
        }
        Assert.Equal(0, _watchdog.Waiting);
        Assert.Equal(1, _log.Count(6701));
        Assert.DoesNotContain(_log.Entries(), e => e.Message.Contains("secret-check-id", StringComparison.Ordinal));   // the check id is the secret
    }

    [Fact]
    public async Task ExecuteAsync_Post_SendsSiteTimeVersionAndActiveExcursionsWithTheHeaders()
    {
        var options = new HeartbeatOptions { Url = _watchdog.Url, Method = HeartbeatMethod.Post };
        options.Headers["X-Api-Key"] = "k-123";
        await StartAsync(options);

        Beat();
        var call = await _watchdog.NextCallAsync();

        Assert.Equal("POST", call.Method);
        Assert.Equal("k-123", call.Headers["X-Api-Key"]);
        Assert.StartsWith("application/json", call.Headers["Content-Type"], StringComparison.Ordinal);
        var body = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal("unit", body.GetProperty("site").GetString());
        Assert.Equal(EngineStage.T0 + Interval, body.GetProperty("at").GetDateTimeOffset());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.Equal(0, body.GetProperty("activeExcursions").GetInt32());
    }

    [Fact]
    public async Task ExecuteAsync_EngineNotJudging_SkipsBeatsAndResumesWhenItJudgesAgain()
    {
        _judging = false;   // starting: the engine is restoring its state
        await StartAsync(new HeartbeatOptions { Url = _watchdog.Url });

        Beat();
        await _skipped.WaitForMeasurementsAsync(1, MeasurementTimeout);
        Assert.False(_log.Has(6702));   // not judging yet at start is no news

        _judging = true;
        Beat();
        await _watchdog.NextCallAsync();
        await _sent.WaitForMeasurementsAsync(1, MeasurementTimeout);

        _judging = false;
        Beat();
        await _skipped.WaitForMeasurementsAsync(2, MeasurementTimeout);
        Beat();
        await _skipped.WaitForMeasurementsAsync(3, MeasurementTimeout);
        Assert.Equal(0, _watchdog.Waiting);
        Assert.Equal(1, _log.Count(6702));   // paused: logged once, on the change

        _judging = true;
        Beat();
        await _watchdog.NextCallAsync();
        await _sent.WaitForMeasurementsAsync(2, MeasurementTimeout);
        Assert.Equal(2, _log.Count(6701));
    }

    [Fact]
    public async Task ExecuteAsync_WatchdogAnswers500_LoggedOnceCountedAndTheNextBeatStillCalls()
    {
        _watchdog.Status = 500;
        await StartAsync(new HeartbeatOptions { Url = _watchdog.Url });

        Beat();
        await _watchdog.NextCallAsync();
        await _failed.WaitForMeasurementsAsync(1, MeasurementTimeout);
        Beat();
        await _watchdog.NextCallAsync();
        await _failed.WaitForMeasurementsAsync(2, MeasurementTimeout);

        var failure = Assert.Single(_log.Entries(), e => e.Id.Id == 6703);
        Assert.Contains("HTTP 500", failure.Message, StringComparison.Ordinal);

        _watchdog.Status = 200;
        Beat();
        await _watchdog.NextCallAsync();
        await _sent.WaitForMeasurementsAsync(1, MeasurementTimeout);
        Assert.Equal(1, _log.Count(6704));
        Assert.Equal(1, _log.Count(6703));
    }

    [Fact]
    public async Task ExecuteAsync_WatchdogUnreachable_LoggedOnceCountedAndBeatsGoOn()
    {
        await StartAsync(new HeartbeatOptions { Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/ping") });

        Beat();
        await _failed.WaitForMeasurementsAsync(1, MeasurementTimeout);
        Beat();
        await _failed.WaitForMeasurementsAsync(2, MeasurementTimeout);

        Assert.Equal(1, _log.Count(6703));
        Assert.Equal(2, _failed.GetMeasurementSnapshot().Count);
        Assert.Empty(_sent.GetMeasurementSnapshot());
        Assert.False(_sut!.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task ExecuteAsync_NoUrl_EndsAtOnceAndSendsNothing()
    {
        await StartAsync(new HeartbeatOptions());

        await _sut!.ExecuteTask!.WaitAsync(MeasurementTimeout);
        _time.Advance(Interval);

        Assert.Equal(0, _watchdog.Waiting);
        Assert.Empty(_skipped.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task IsJudging_EngineRunningThenStopped_TrueThenFalse()
    {
        var stage = await EngineStage.StartAsync();
        bool running;
        try
        {
            running = HeartbeatSender.IsJudging(stage.Engine, stage.Time.GetUtcNow());
        }
        finally
        {
            await stage.DisposeAsync();
        }

        Assert.True(running);
        Assert.False(HeartbeatSender.IsJudging(stage.Engine, stage.Time.GetUtcNow()));
    }

    [Fact]
    public async Task IsJudging_EngineTickStandingStillLongerThanTheLimit_False()
    {
        // The stage's clock moves only when the test moves it, so the engine's tick stands where it was at start.
        await using var stage = await EngineStage.StartAsync();

        Assert.Equal(EngineStage.T0, stage.Engine.LastTickAt);
        Assert.True(HeartbeatSender.IsJudging(stage.Engine, EngineStage.T0 + HeartbeatSender.EngineStallLimit));
        Assert.False(HeartbeatSender.IsJudging(stage.Engine, EngineStage.T0 + HeartbeatSender.EngineStallLimit + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task LastTickAt_ClockMovesOn_FollowsTheEnginesTick()
    {
        await using var stage = await EngineStage.StartAsync();

        stage.Time.Advance(TimeSpan.FromSeconds(5));

        await Eventually.UntilAsync(_ => Task.FromResult(stage.Engine.LastTickAt == EngineStage.T0.AddSeconds(5)), MeasurementTimeout,
            "the engine's tick at the new time");
        Assert.True(HeartbeatSender.IsJudging(stage.Engine, stage.Time.GetUtcNow()));
    }

    private async Task StartAsync(HeartbeatOptions options)
    {
        _sut = new HeartbeatSender(_services.GetRequiredService<IHttpClientFactory>(), Options.Create(options), _facility, new EngineView(_facility),
            () => _judging, _time, _services.GetRequiredService<IMeterFactory>(), _log);
        await _sut.StartAsync(CancellationToken.None);
    }

    /// <summary>One interval on the clock: the timer ticks once.</summary>
    private void Beat() => _time.Advance(Interval);

    private static ServiceProvider BuildServices()
    {
        var services = new ServiceCollection().AddMetrics();
        services.AddHttpClient(HeartbeatSender.ClientName).RemoveAllLoggers();
        return services.BuildServiceProvider();
    }
}
