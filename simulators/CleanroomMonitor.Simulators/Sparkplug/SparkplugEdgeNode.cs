using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Mqtt.Sparkplug;
using CleanroomMonitor.Simulators.Signals;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Simulators.Sparkplug;

/// <summary>One simulated Eclipse Sparkplug B edge node feeding the facility's sensors mapped to it (its own metrics and its
/// devices'), as a gateway does (docs/instruments.md §3): an MQTT 5 clean-start connection whose will is the NDEATH with this
/// connection's bdSeq; NBIRTH and DBIRTHs with names, aliases and datatypes; DATA by alias with seq 0–255 wrapping; a
/// rebirth on NCMD <c>Node Control/Rebirth</c>; store-and-forward while the primary host's STATE says offline, replayed
/// flagged historical when it is back. Tests can also skip a seq, replay history on demand and die through the will.</summary>
internal sealed class SparkplugEdgeNode : IAsyncDisposable
{
    private readonly MqttClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttClient> _logger;
    private readonly IReadOnlyList<Sensor> _sensors;
    private readonly Dictionary<(string? Device, string Metric), ulong> _aliases = [];
    private readonly Dictionary<SensorId, SimulatedSample> _latest = [];
    private readonly List<SimulatedSample> _buffered = [];
    private readonly SemaphoreSlim _gate = new(1, 1);   // seq order across the caller and the command loop
    private MqttClient? _client;
    private Task? _commands;
    private CancellationTokenSource? _stop;
    private int _seq;
    private bool _hostOnline;

    /// <param name="sensors">The facility's sensors mapped to this node (<see cref="Sensor.Sparkplug"/> names it).</param>
    /// <param name="hostId">The primary host whose STATE the node watches; null = never buffer (send at once).</param>
    public SparkplugEdgeNode(string host, int port, string group, string edgeNode, IEnumerable<Sensor> sensors, string? hostId, TimeProvider time,
        ILogger<MqttClient> logger)
    {
        Group = group;
        EdgeNode = edgeNode;
        HostId = hostId;
        _time = time;
        _logger = logger;
        _sensors = sensors.Where(s => s.Sparkplug is { } a && a.Group == group && a.EdgeNode == edgeNode).ToList();
        _hostOnline = hostId is null;
        _options = new MqttClientOptions
        {
            Host = host,
            Port = port,
            ClientId = $"sparkplug-{group}-{edgeNode}",
            // Sparkplug 3.0 §7.1: clean start, session expiry 0. MQTT 5 also lets a test "kill" the node through its will.
            CleanSession = true,
            ProtocolVersion = MqttProtocolVersion.V5,
            SessionExpiry = TimeSpan.Zero,
        };
        ulong alias = 1;
        foreach (var sensor in _sensors)
        {
            foreach (var metric in Metrics(sensor))
            {
                _aliases[(sensor.Sparkplug!.Device, metric)] = alias++;
            }
        }
    }

    public string Group { get; }

    public string EdgeNode { get; }

    public string? HostId { get; }

    /// <summary>The birth/death sequence number of the current (or next) connection: 0 first, +1 per connect, wraps at 255.</summary>
    public ulong BirthSequence { get; private set; }

    /// <summary>NCMD rebirth requests received.</summary>
    public int RebirthRequests { get; private set; }

    /// <summary>Samples held while the host was offline, waiting for replay.</summary>
    public int Buffered => _buffered.Count;

    public IEnumerable<string?> Devices => _sensors.Select(s => s.Sparkplug!.Device).Distinct();

    /// <summary>Connects with the NDEATH will, waits for the connection, then publishes NBIRTH and every DBIRTH.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _client = new MqttClient(_options, _time, _logger);
        var death = SparkplugPayloadEncoder.Encode(new SparkplugPayload(Now(), [BirthSequenceMetric()]));
        _client.SetWill(Topic(SparkplugMessageType.NDeath, null), death, qos: 1, retain: false);
        _client.Subscribe(Topic(SparkplugMessageType.NCmd, null), 1);
        if (HostId is not null)
        {
            _client.Subscribe(SparkplugTopic.StateTopic(HostId), 1);
        }
        _client.Start();
        await _client.WaitUntilConnectedAsync(cancellationToken);
        await BirthAsync(cancellationToken);
        _stop = new CancellationTokenSource();
        var client = _client;
        _commands = Task.Run(() => CommandsAsync(client, _stop.Token), CancellationToken.None);
    }

    /// <summary>Publishes a sample of one of the node's sensors as NDATA or DDATA (by alias), or holds it while the host is offline.</summary>
    public async Task PublishAsync(SimulatedSample sample, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _latest[sample.Sensor.Id] = sample;
            if (!_hostOnline)
            {
                _buffered.Add(sample);   // Sparkplug store and forward: the host cannot take it now
                return;
            }
            Send(sample.Sensor.Sparkplug!.Device, Values(sample, byAlias: true, historical: false));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends <paramref name="samples"/> as historical metrics with their own timestamps, one message per device.</summary>
    public async Task ReplayAsync(IEnumerable<SimulatedSample> samples, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Replay(samples);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The next message carries a seq <paramref name="messages"/> further on, as if that many were lost.</summary>
    public void SkipSequence(int messages = 1) => _seq = (_seq + messages) % 256;

    /// <summary>Drops the connection so the broker publishes the NDEATH will; the next <see cref="ConnectAsync"/> uses bdSeq + 1.</summary>
    public async Task DieAsync()
    {
        await StopCommandsAsync();
        if (_client is not null)
        {
            await _client.DisconnectWithWillAsync();
            _client = null;
        }
        BirthSequence = (BirthSequence + 1) % 256;
    }

    public async ValueTask DisposeAsync()
    {
        await StopCommandsAsync();
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
        _gate.Dispose();
    }

    private async Task BirthAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _seq = 0;
            var node = new List<SparkplugMetric>
            {
                BirthSequenceMetric(),
                new(RebirthRequest.MetricName, DataType: SparkplugDataType.Boolean, Value: SparkplugValue.OfBoolean(false)),
            };
            node.AddRange(BirthMetrics(null));
            Publish(Topic(SparkplugMessageType.NBirth, null), new SparkplugPayload(Now(), node, 0));
            foreach (var device in Devices.OfType<string>())
            {
                Send(device, BirthMetrics(device), SparkplugMessageType.DBirth);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CommandsAsync(MqttClient client, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(cancellationToken))
            {
                if (HostId is not null && message.Topic == SparkplugTopic.StateTopic(HostId))
                {
                    await OnHostStateAsync(message.Payload, cancellationToken);
                }
                else if (SparkplugPayloadDecoder.TryDecode(message.Payload, out var command, out _)
                    && command.Metrics.Any(m => m.Name == RebirthRequest.MetricName && m.Value.Boolean))
                {
                    RebirthRequests++;
                    await BirthAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task OnHostStateAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!SparkplugHostState.TryParse(payload.Span, out var state))
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var wasOnline = _hostOnline;
            _hostOnline = state.Online;
            if (state.Online && !wasOnline && _buffered.Count > 0)
            {
                Replay(_buffered);
                _buffered.Clear();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Replay(IEnumerable<SimulatedSample> samples)
    {
        foreach (var perDevice in samples.GroupBy(s => s.Sensor.Sparkplug!.Device))
        {
            Send(perDevice.Key, perDevice.SelectMany(s => Values(s, byAlias: true, historical: true)).ToList());
        }
    }

    private void Send(string? device, IReadOnlyList<SparkplugMetric> metrics, SparkplugMessageType? type = null)
    {
        _seq = (_seq + 1) % 256;
        var messageType = type ?? (device is null ? SparkplugMessageType.NData : SparkplugMessageType.DData);
        Publish(Topic(messageType, device), new SparkplugPayload(Now(), metrics, (ulong)_seq));
    }

    // Sparkplug 3.0 §7: BIRTH, DATA and CMD messages are QoS 0, not retained.
    private void Publish(string topic, SparkplugPayload payload) =>
        _client?.Publish(topic, SparkplugPayloadEncoder.Encode(payload), qos: 0, retain: false);

    private List<SparkplugMetric> BirthMetrics(string? device)
    {
        var metrics = new List<SparkplugMetric>();
        foreach (var sensor in _sensors.Where(s => s.Sparkplug!.Device == device))
        {
            if (_latest.TryGetValue(sensor.Id, out var sample))
            {
                metrics.AddRange(Values(sample, byAlias: false, historical: false));
                continue;
            }
            // No value yet: the birth still declares the metric (name, alias, datatype), as a null.
            metrics.AddRange(Metrics(sensor).Select(m => new SparkplugMetric(m, _aliases[(device, m)], DataType: DataTypeOf(sensor, m), IsNull: true)));
        }
        return metrics;
    }

    private List<SparkplugMetric> Values(SimulatedSample sample, bool byAlias, bool historical)
    {
        var address = sample.Sensor.Sparkplug!;
        var at = (ulong)sample.Timestamp.ToUnixTimeMilliseconds();
        var metrics = new List<SparkplugMetric>();
        foreach (var (parameter, value) in sample.Values)
        {
            metrics.Add(Metric(address.Metrics[parameter], SparkplugDataType.Double, SparkplugValue.OfDouble(value)));
        }
        foreach (var (parameter, count) in sample.Counts)
        {
            metrics.Add(Metric(address.Metrics[parameter], SparkplugDataType.Int64, SparkplugValue.OfSignedLong(count)));
        }
        if (sample.VolumeLitres is { } volume && address.VolumeMetric is { } volumeMetric)
        {
            metrics.Add(Metric(volumeMetric, SparkplugDataType.Double, SparkplugValue.OfDouble(volume)));
        }
        return metrics;

        SparkplugMetric Metric(string name, SparkplugDataType type, SparkplugValue value) => byAlias
            ? new SparkplugMetric(null, _aliases[(address.Device, name)], at, IsHistorical: historical, Value: value)
            : new SparkplugMetric(name, _aliases[(address.Device, name)], at, type, historical, Value: value);
    }

    private static IEnumerable<string> Metrics(Sensor sensor) =>
        sensor.Parameters.Select(p => sensor.Sparkplug!.Metrics[p]).Concat(sensor.Sparkplug!.VolumeMetric is { } v ? [v] : []);

    private static SparkplugDataType DataTypeOf(Sensor sensor, string metric) =>
        sensor.Sparkplug!.Metrics.Any(m => m.Value == metric && m.Key.Info().IsParticleCount) ? SparkplugDataType.Int64 : SparkplugDataType.Double;

    private SparkplugMetric BirthSequenceMetric() =>
        new(SparkplugPayload.BirthSequenceMetric, DataType: SparkplugDataType.Int64, Value: SparkplugValue.OfLong(BirthSequence));

    private async Task StopCommandsAsync()
    {
        if (_stop is null)
        {
            return;
        }
        await _stop.CancelAsync();
        if (_commands is not null)
        {
            await _commands;
        }
        _stop.Dispose();
        _stop = null;
    }

    private string Topic(SparkplugMessageType type, string? device) => new SparkplugTopic(Group, type, EdgeNode, device).ToString();

    private ulong Now() => (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds();
}
