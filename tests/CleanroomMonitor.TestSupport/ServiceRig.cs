namespace CleanroomMonitor.TestSupport;

/// <summary>What the service needs around it in a test: a real mosquitto, a real influxd and a temporary folder for its
/// files, and the service itself on top (started and stopped as often as a test needs, say for a restart). Started in
/// that order, disposed in reverse. A test that brings its own broker (TLS, passwords) keeps ownership of it.</summary>
public sealed class ServiceRig : IAsyncDisposable
{
    private readonly ServiceBuilder _build;
    private readonly bool _ownsBroker;
    private RunningService? _service;

    private ServiceRig(ServiceBuilder build, TempDirectory directory, MosquittoProcess broker, bool ownsBroker, InfluxProcess influx)
    {
        _build = build;
        Directory = directory;
        Broker = broker;
        _ownsBroker = ownsBroker;
        Influx = influx;
    }

    public TempDirectory Directory { get; }

    public MosquittoProcess Broker { get; }

    public InfluxProcess Influx { get; }

    /// <summary>The service now running.</summary>
    public RunningService Service => _service ?? throw new InvalidOperationException("The service is not running.");

    public bool IsServiceRunning => _service is not null;

    /// <summary>Starts a broker (unless <paramref name="broker"/> is given) and influxd side by side, in a folder named
    /// after <paramref name="name"/>.</summary>
    public static async Task<ServiceRig> StartAsync(ServiceBuilder build, string name, MosquittoProcess? broker = null, CancellationToken cancellationToken = default)
    {
        var directory = new TempDirectory(name);
        var brokerTask = broker is null ? MosquittoProcess.StartAsync(cancellationToken: cancellationToken) : Task.FromResult(broker);
        var influxTask = InfluxProcess.StartAsync(cancellationToken);
        try
        {
            await Task.WhenAll(brokerTask, influxTask);
        }
        catch
        {
            if (broker is null && brokerTask.IsCompletedSuccessfully)
            {
                await brokerTask.Result.DisposeAsync();
            }
            if (influxTask.IsCompletedSuccessfully)
            {
                await influxTask.Result.DisposeAsync();
            }
            directory.Dispose();
            throw;
        }
        return new ServiceRig(build, directory, brokerTask.Result, ownsBroker: broker is null, influxTask.Result);
    }

    /// <summary>Settings pointing at this rig's broker, influxd and folder; the caller adds what its tests need.</summary>
    public ServiceSettings Settings(string facilityFile, string database) => new(Broker.Port, Influx.Url, database, Directory.Path, facilityFile);

    /// <summary>Writes <paramref name="text"/> to a file in the rig's folder and returns its path (a facility or Modbus file).</summary>
    public async Task<string> WriteFileAsync(string name, string text, CancellationToken cancellationToken = default)
    {
        var path = Directory.Combine(name);
        await File.WriteAllTextAsync(path, text, cancellationToken);
        return path;
    }

    public async Task<RunningService> StartServiceAsync(ServiceSettings settings, ServiceLog log, CancellationToken cancellationToken = default)
    {
        if (_service is not null)
        {
            throw new InvalidOperationException("The service is already running; stop it first.");
        }
        _service = await RunningService.StartAsync(_build, settings, log, cancellationToken);
        return _service;
    }

    public async Task StopServiceAsync()
    {
        if (_service is not null)
        {
            var service = _service;
            _service = null;
            await service.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopServiceAsync();
        await Influx.DisposeAsync();
        if (_ownsBroker)
        {
            await Broker.DisposeAsync();
        }
        Directory.Dispose();
    }
}
