using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanroomMonitor.Service.Observability;

/// <summary>Checks at start and every minute whether the host clock is synchronised (GMP records need trustworthy
/// time), logs each change, exposes it as <c>cleanroom_clock_synchronized</c> (1/0) and <c>cleanroom_clock_max_error_seconds</c>,
/// and adds a <c>clock</c> entry to /readyz. An unsynchronised clock does not fail readiness: the service keeps
/// recording, and the monitoring around it decides what to do.</summary>
internal sealed class ClockMonitor : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _time;
    private readonly ILogger<ClockMonitor> _logger;
    private ClockStatus _current;

    public ClockMonitor(TimeProvider time, IMeterFactory meters, ILogger<ClockMonitor> logger)
    {
        _time = time;
        _logger = logger;
        _current = HostClock.Read();
        Report(null, _current);
        var meter = meters.Create("CleanroomMonitor.Operations");
        meter.CreateObservableGauge("cleanroom.clock.synchronized", () => Current.IsSynchronised is { } s
            ? [new Measurement<int>(s ? 1 : 0, new KeyValuePair<string, object?>("source", Current.Source))]
            : Array.Empty<Measurement<int>>(), description: "1 when the host clock is synchronised (adjtimex maximum error below 16 s), 0 when not; absent when unknown");
        meter.CreateObservableGauge("cleanroom.clock.max_error", () => Current.MaxError is { } e
            ? [new Measurement<double>(e.TotalSeconds)]
            : Array.Empty<Measurement<double>>(), "s", "The kernel's maximum clock error estimate");
    }

    public ClockStatus Current => Volatile.Read(ref _current);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = Current;
        var text = status.IsSynchronised switch
        {
            true => $"host clock synchronised ({status.Detail}; {status.Source})",
            false => $"host clock NOT synchronised ({status.Detail}; {status.Source}); readiness is not affected",
            null => $"host clock synchronisation unknown ({status.Detail})",
        };
        return Task.FromResult(HealthCheckResult.Healthy(text));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var next = HostClock.Read();
                var previous = Interlocked.Exchange(ref _current, next);
                Report(previous, next);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Report(ClockStatus? previous, ClockStatus next)
    {
        if (previous?.IsSynchronised == next.IsSynchronised && previous is not null)
        {
            return;   // log on transitions, not every minute
        }
        switch (next.IsSynchronised)
        {
            case true:
                _logger.ClockSynchronised(next.MaxError?.TotalSeconds ?? 0, next.Source);
                break;
            case false:
                _logger.ClockNotSynchronised(next.Detail, next.Source);
                break;
            default:
                _logger.ClockUnknown(next.Detail);
                break;
        }
    }
}
