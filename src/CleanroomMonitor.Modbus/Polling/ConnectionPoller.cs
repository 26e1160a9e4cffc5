using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Modbus.Records;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>Polls every device of one connection from one dedicated thread (libmodbus blocks, and a context must not
/// move between threads). Each device has its own interval on a fixed-rate schedule; a failing device is counted,
/// logged on change and, after its allowed number of failed polls, reported as lost, while the others keep their
/// schedule. A broken connection is re-opened with exponential back-off.</summary>
internal sealed class ConnectionPoller(ConnectionPlan plan, PipelineChannels channels, ModbusMetrics metrics, RecordCursorStore cursors, TimeProvider time,
    ILogger logger)
{
    private readonly List<DeviceState> _devices = plan.Devices.Select(d => new DeviceState(d, plan.Id) { Cursor = cursors.Stored(d.Sensor) }).ToList();
    private Action<SourceEvent>? _raise;
    private readonly Queue<SourceEvent> _pendingEvents = new();
    private readonly List<SensorSample> _samples = new(16);
    private readonly string _name = plan.ToString();
    private ModbusClientConnection _connection = null!;
    private DeviceSampler _sampler = null!;
    private DateTimeOffset _nextConnectAttempt;
    private TimeSpan _reconnectDelay;
    private bool _wasConnected;
    private bool _cursorFileFailing;
    private ManualResetEventSlim _woken = null!;
    private Action _wake = null!;   // _woken.Set, made once per thread instead of a delegate per sleep

    public ConnectionPlan Plan => plan;

    /// <summary>Runs the polling loop on a new thread until <paramref name="stoppingToken"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                done.SetResult();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);   // a bug: let it reach the host, which stops
            }
        })
        {
            IsBackground = true,
            Name = $"modbus poll {plan.Id}",
        };
        thread.Start();
        return done.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        using var connection = new ModbusClientConnection(plan);
        _connection = connection;
        _sampler = new DeviceSampler(connection, metrics, cursors, logger);
        _raise = Raise;
        using var woken = new ManualResetEventSlim(false, spinCount: 0);
        _woken = woken;
        _wake = woken.Set;
        foreach (var device in _devices)
        {
            metrics.Register(device.Name);
        }
        _reconnectDelay = plan.ReconnectDelayMin;
        try
        {
            // Connect before the schedule starts, so loading libmodbus and the first connect do not count as lateness.
            EnsureConnected(time.GetUtcNow());
        }
        catch (ModbusException)
        {
            // Logged; each device counts the failure at its first poll.
        }
        var start = time.GetUtcNow();
        for (var i = 0; i < _devices.Count; i++)
        {
            // Spread the devices over their interval so a gateway is not asked for every unit at the same instant.
            _devices[i].Due = start + _devices[i].Plan.PollInterval * i / _devices.Count;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var device = _devices[0];
            foreach (var d in _devices)
            {
                device = d.Due < device.Due ? d : device;
            }
            var wait = device.Due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                Sleep(wait, stoppingToken);
            }
            var started = time.GetUtcNow();
            var interval = device.Plan.PollInterval;
            if (started - device.Due >= interval)
            {
                var missed = (int)((started - device.Due) / interval);
                metrics.MissedPolls(device.Name, missed);
                logger.PollsMissed(device.Name, missed, started - device.Due);
                device.Due += interval * missed;
            }
            metrics.Poll(device.Name, device.LastStart is { } last ? started - last : null);
            device.LastStart = started;
            FlushEvents();
            Poll(device, started, stoppingToken);
            metrics.Duration(device.Name, time.GetUtcNow() - started);
            device.Due += interval;
            FlushCursors();
        }
    }

    /// <summary>Blocks this thread for <paramref name="wait"/> on the service's clock. Not <c>Task.Wait</c>: that spins
    /// (sched_yield) before it blocks, and at a few polls a second this thread's spinning was most of the poller's CPU
    /// at a site's load (docs/benchmarks.md, "Site load").</summary>
    private void Sleep(TimeSpan wait, CancellationToken stoppingToken)
    {
        _woken.Reset();
        var delay = Task.Delay(wait, time, stoppingToken);
        delay.GetAwaiter().UnsafeOnCompleted(_wake);
        _woken.Wait(CancellationToken.None);   // the delay ends on cancellation too
        delay.GetAwaiter().GetResult();
    }

    private void FlushCursors()
    {
        try
        {
            cursors.FlushIfDue();
            _cursorFileFailing = false;
        }
        catch (IOException ex)
        {
            if (!_cursorFileFailing)
            {
                logger.CursorFileFailed(ex.Message);
            }
            _cursorFileFailing = true;
        }
    }

    private void Poll(DeviceState device, DateTimeOffset started, CancellationToken stoppingToken)
    {
        _samples.Clear();
        try
        {
            EnsureConnected(started);
            _sampler.Poll(device, started, _samples, _raise!);
            Succeeded(device, started);
        }
        catch (ModbusException ex)
        {
            Failed(device, ex, started);
        }
        finally
        {
            // Also after a failure: records read before it are marked as read and must not be lost.
            foreach (var sample in _samples)
            {
                if (!channels.Samples.Writer.TryWrite(sample))
                {
                    // Back-pressure from a full ingest channel holds this connection's polling, never drops data.
                    channels.Samples.Writer.WriteAsync(sample, stoppingToken).AsTask().GetAwaiter().GetResult();
                }
                metrics.Sample(device.Name, sample.Values.Count);
            }
        }
    }

    private void EnsureConnected(DateTimeOffset now)
    {
        if (_connection.IsConnected)
        {
            return;
        }
        if (now < _nextConnectAttempt)
        {
            throw new ModbusException(107, $"connect to {plan} (waiting {_nextConnectAttempt - now} before the next attempt)");
        }
        try
        {
            _connection.Connect();
        }
        catch (ModbusException ex)
        {
            _nextConnectAttempt = now + _reconnectDelay;
            if (_wasConnected || _reconnectDelay == plan.ReconnectDelayMin)
            {
                logger.ConnectFailed(_name, ex.Message, _reconnectDelay);
            }
            _wasConnected = false;
            _reconnectDelay = TimeSpan.FromTicks(Math.Min(_reconnectDelay.Ticks * 2, plan.ReconnectDelayMax.Ticks));
            throw;
        }
        logger.Connected(_name);
        _wasConnected = true;
        _reconnectDelay = plan.ReconnectDelayMin;
        // Init commands are not sent again here: a re-opened connection says nothing about the device (a TCP connection
        // is re-opened after any timeout on a shared gateway). The device's own running bit decides (DeviceSampler).
    }

    private void Succeeded(DeviceState device, DateTimeOffset now)
    {
        if (device.IsLost)
        {
            device.IsLost = false;
            metrics.CommunicationRestored();
            logger.CommunicationRestored(device.Name, device.ConsecutiveFailures);
            Raise(new SourceEvent(SourceEventKind.CommunicationRestored, [device.Plan.Sensor], device.Origin,
                $"answers again after {device.ConsecutiveFailures} failed polls", now));
        }
        device.ConsecutiveFailures = 0;
    }

    private void Failed(DeviceState device, ModbusException ex, DateTimeOffset now)
    {
        metrics.Failure(device.Name, ex.Kind);
        // While it did not answer, its buffer may have been cleared or have shifted: find the last record by time again.
        device.IndexVerified = false;
        device.ConsecutiveFailures++;
        if (device.ConsecutiveFailures == 1)
        {
            logger.PollFailed(device.Name, ex.Kind, ex.Message);
        }
        else if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.PollFailedAgain(device.Name, ex.Kind, ex.Message);
        }
        if (!device.IsLost && device.ConsecutiveFailures >= device.Plan.MissedPollsBeforeLoss)
        {
            device.IsLost = true;
            metrics.CommunicationLost(device.Name);
            logger.CommunicationLost(device.Name, device.ConsecutiveFailures, ex.Message);
            Raise(new SourceEvent(SourceEventKind.CommunicationLost, [device.Plan.Sensor], device.Origin,
                $"{device.ConsecutiveFailures} polls in a row failed; last: {ex.Message}", now));
        }
    }

    private void Raise(SourceEvent sourceEvent)
    {
        _pendingEvents.Enqueue(sourceEvent);
        FlushEvents();
    }

    // Health events must not be lost, and a full channel (no consumer) must not stop the polling of every device:
    // what does not fit now is kept in order and offered again before each poll.
    private void FlushEvents()
    {
        while (_pendingEvents.TryPeek(out var next))
        {
            if (!channels.Judging.Writer.TryWrite(JudgeInput.Of(next)))
            {
                if (_pendingEvents.Count == 1)
                {
                    logger.SourceEventPending(next.Kind, next.Origin);
                }
                return;
            }
            _pendingEvents.Dequeue();
        }
    }
}
