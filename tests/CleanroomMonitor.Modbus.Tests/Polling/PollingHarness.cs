using Microsoft.Extensions.Logging.Testing;
using CleanroomMonitor.TestSupport;
using System.Threading.Channels;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Modbus.Profiles;
using CleanroomMonitor.Modbus.Records;
using CleanroomMonitor.Modbus.Tests.Profiles;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;

namespace CleanroomMonitor.Modbus.Tests.Polling;

/// <summary>One <see cref="ConnectionPoller"/> on a real connection, writing into real pipeline channels that the test
/// reads: the poller as the service runs it, minus the host.</summary>
internal sealed class PollingHarness : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, DeviceProfile> Profiles = ProfileReader.LoadFolder(GoldenCase.ShippedProfiles);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SensorSample> _samples = [];
    private readonly List<SourceEvent> _events = [];
    private readonly Lock _gate = new();
    private Task? _poller;
    private Task? _reader;

    /// <param name="cursorFile">The record cursor file; null keeps cursors in memory. A second harness on the same file
    /// is the poller after a restart.</param>
    public PollingHarness(string? cursorFile = null)
    {
        Metrics = new ModbusMetrics(_services.GetRequiredService<IMeterFactory>());
        Cursors = new RecordCursorStore(cursorFile, TimeProvider.System);
    }

    public RecordCursorStore Cursors { get; }

    public PipelineChannels Channels { get; } = new();

    public ModbusMetrics Metrics { get; }

    public FakeLogger Logger { get; } = new();

    public static DevicePlan Device(int unitId, string profile, string sensor, int intervalMs = 200, int timeoutMs = 100, int missed = 3) =>
        Device(unitId, Profiles[profile], sensor, intervalMs, timeoutMs, missed);

    public static DevicePlan Device(int unitId, DeviceProfile profile, string sensor, int intervalMs = 200, int timeoutMs = 100, int missed = 3) =>
        new($"unit{unitId}", unitId, profile, new SensorId(sensor), TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(timeoutMs), missed);

    public static ConnectionPlan Tcp(int port, params DevicePlan[] devices) =>
        new("tcp-test", "127.0.0.1", port, null, devices, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));

    public static ConnectionPlan Rtu(string device, params DevicePlan[] devices) =>
        new("rtu-test", null, 0, new SerialSettings(device, 115200), devices, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));

    public void Start(ConnectionPlan plan)
    {
        _poller = new ConnectionPoller(plan, Channels, Metrics, Cursors, TimeProvider.System, Logger).RunAsync(_stop.Token);
        _reader = Task.Run(async () =>
        {
            await foreach (var sample in Channels.Samples.Reader.ReadAllAsync(_stop.Token))
            {
                lock (_gate)
                {
                    _samples.Add(sample);
                }
                sample.Acknowledge?.Invoke();   // taken as stored, as the buffer stage does after its commit
            }
        });
        _ = Task.Run(async () =>
        {
            await foreach (var input in Channels.Judging.Reader.ReadAllAsync(_stop.Token))
            {
                lock (_gate)
                {
                    _events.Add(input.SourceEvent!);
                }
            }
        });
    }

    public IReadOnlyList<SensorSample> Samples(string? sensor = null)
    {
        lock (_gate)
        {
            return _samples.Where(s => sensor is null || s.Sensor.Value == sensor).ToList();
        }
    }

    public IReadOnlyList<SourceEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking every probe interval (<see cref="Eventually"/>); fails the test after <paramref name="timeoutMs"/>.</summary>
    public Task WaitUntilAsync(Func<bool> condition, string what, int timeoutMs = 10_000) =>
        Eventually.UntilAsync(() =>
        {
            if (_poller is { IsFaulted: true })
            {
                _poller.GetAwaiter().GetResult();   // a bug in the poller: show it
            }
            return condition();
        }, TimeSpan.FromMilliseconds(timeoutMs), what, () => "Log:\n" + string.Join("\n", Logger.Entries().TakeLast(15).Select(e => $"{e.Id.Id} {e.Message}")));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_poller is not null)
        {
            await _poller;   // rethrows a poller bug
        }
        try
        {
            await (_reader ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        Cursors.Dispose();
        await _services.DisposeAsync();
    }
}
