using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace CleanroomMonitor.Mqtt.Client;

/// <summary>An MQTT client over MQTTnet that keeps a connection for the life of the service: it reconnects with back-off,
/// makes its subscriptions again on every connect, queues QoS 1/2 publishes while offline, stops retrying after
/// <see cref="MqttClientOptions.MaxConnectRefusals"/> refusals in a row, and, with
/// <see cref="MqttClientOptions.AcknowledgeAfterHandling"/>, acknowledges a received message only when its consumer says it
/// is safe (README.md).</summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    /// <summary>How long one connection attempt (TCP, TLS, CONNECT/CONNACK) may take before it counts as failed.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a clean stop waits for the DISCONNECT to be sent.</summary>
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(5);

    private readonly MqttClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MqttClientMetrics _metrics;
    private readonly string _name;
    private readonly IMqttClient _mqtt;
    private readonly Channel<MqttMessage> _inbox;
    private readonly AcknowledgementWindow<MqttApplicationMessageReceivedEventArgs> _acknowledgements;
    private readonly Channel<OutgoingMessage> _outbox = Channel.CreateUnbounded<OutgoingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _inflight;
    private readonly Dictionary<string, int> _subscriptions = [];   // guarded by itself
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lifecycleGate = new();
    private TaskCompletionSource _ready = NewSignal();
    private MqttApplicationMessage? _will;
    private Task _running = Task.CompletedTask;
    private MqttException? _fault;
    private string? _lastError;
    private long _inboxWaits;
    private long _acknowledgedCount;
    private long _releasedCount;
    private int _isConnected;
    private bool _started;
    private bool _disposed;

    /// <summary>Creates the client and checks <paramref name="options"/>; nothing connects until <see cref="Start"/>.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid (every problem is listed).</exception>
    public MqttClient(MqttClientOptions options, TimeProvider timeProvider, ILogger<MqttClient> logger, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        MqttClientOptionsRules.ThrowIfInvalid(options);
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _name = options.ClientId ?? $"{options.Host}:{options.Port}";
        _metrics = new MqttClientMetrics(meterFactory, _name);
        _inbox = Channel.CreateBounded<MqttMessage>(new BoundedChannelOptions(options.InboxCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = true,
        });
        _inflight = new SemaphoreSlim(options.MaxInflight, options.MaxInflight);
        _acknowledgements = new(SendAcknowledgement);
        _mqtt = new MqttClientFactory(new MqttNetLogBridge(logger, _name)).CreateMqttClient();
        _mqtt.ApplicationMessageReceivedAsync += OnMessageAsync;
        _mqtt.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>Raised on connect, refusal and connection loss, on the client's connection task: keep handlers short.</summary>
    public event EventHandler<MqttConnectionChangedEventArgs>? ConnectionChanged;

    /// <summary>Messages received on the subscriptions, in arrival order. When it is full the client takes no more from
    /// the library, and the broker holds the rest (unacknowledged messages stay in the session).</summary>
    public ChannelReader<MqttMessage> Messages => _inbox.Reader;

    /// <summary>True between a successful CONNACK and the next disconnect.</summary>
    public bool IsConnected => Volatile.Read(ref _isConnected) == 1;

    /// <summary>Connected and every subscription acknowledged: messages published now reach this client.</summary>
    public bool IsReady => IsConnected && Volatile.Read(ref _ready).Task.IsCompletedSuccessfully;

    /// <summary>How often a received message found <see cref="Messages"/> full and waited for room.</summary>
    public long InboxWaits => Interlocked.Read(ref _inboxWaits);

    /// <summary>QoS ≥ 1 publishes the broker has acknowledged, those of <see cref="Publish"/> included: a load
    /// generator compares it with what it handed over to keep its window of unacknowledged messages bounded.</summary>
    public long AcknowledgedCount => Interlocked.Read(ref _acknowledgedCount);

    /// <summary>Received messages whose acknowledgement the broker is still waiting for (with
    /// <see cref="MqttClientOptions.AcknowledgeAfterHandling"/>).</summary>
    public int PendingAcknowledgements => _acknowledgements.Pending;

    /// <summary>Received messages acknowledged to the broker so far (with <see cref="MqttClientOptions.AcknowledgeAfterHandling"/>):
    /// their PUBACK is written to the connection.</summary>
    public long ReleasedCount => Interlocked.Read(ref _releasedCount);

    /// <summary>The last connection problem seen (socket error, refusal reason), or null.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Starts connecting in the background. A broker that is not up yet is fine: the client retries with the
    /// configured back-off. A host name that does not resolve is a configuration error and throws here.</summary>
    /// <exception cref="MqttException">The host name cannot be resolved.</exception>
    public void Start()
    {
        lock (_lifecycleGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException($"MQTT client {_name} is already started.");
            }
            ThrowIfUnresolvable();
            _started = true;
            _logger.ClientStarting(_name, _options.Host, _options.Port, _options.ProtocolVersion, _options.CleanSession);
            var stopping = _stopping.Token;
            _running = Task.WhenAll(
                Task.Run(() => KeepConnectedAsync(stopping), CancellationToken.None),
                Task.Run(() => SendOutboxAsync(stopping), CancellationToken.None));
        }
    }

    /// <summary>Registers a subscription: made on every (re)connect, and at once when already connected.</summary>
    public void Subscribe(string topicFilter, int qos)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        ValidateQos(qos);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_subscriptions)
        {
            _subscriptions[topicFilter] = qos;
        }
        if (IsConnected)
        {
            _ = SubscribeAsync([new(topicFilter, qos)], _stopping.Token);
        }
    }

    /// <summary>Completes when the client is connected and the broker acknowledged the subscriptions made on
    /// connect: the point from which published messages reach <see cref="Messages"/>.</summary>
    /// <exception cref="MqttException">The client gave up (repeated refusals).</exception>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Volatile.Read(ref _ready).Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops: a normal DISCONNECT (no will), the background tasks end, <see cref="Messages"/> completes, and
    /// publishes still waiting fail. Received messages not yet acknowledged stay with the broker.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lifecycleGate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }
        await _stopping.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        if (_mqtt.IsConnected)
        {
            using var timeout = new CancellationTokenSource(DisconnectTimeout);
            try
            {
                await _mqtt.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                // the connection is going anyway
            }
        }
        _inbox.Writer.TryComplete();
        _acknowledgements.NewConnection();
        var pending = FailOutbox();
        Volatile.Read(ref _ready).TrySetException(new ObjectDisposedException(nameof(MqttClient)));
        Volatile.Read(ref _connected).TrySetException(new ObjectDisposedException(nameof(MqttClient)));
        if (Interlocked.Exchange(ref _isConnected, 0) == 1)
        {
            _metrics.Disconnected(unexpected: false);
        }
        _mqtt.Dispose();
        _stopping.Dispose();
        _inflight.Dispose();
        _logger.ClientStopped(_name, pending);
        _metrics.Dispose();
    }

    private void ThrowIfUnresolvable()
    {
        if (IPAddress.TryParse(_options.Host, out _))
        {
            return;
        }
        try
        {
            Dns.GetHostAddresses(_options.Host);
        }
        catch (SocketException ex)
        {
            throw new MqttException($"MQTT client {_name} cannot connect to {_options.Host}:{_options.Port}: {ex.Message}", (int)ex.SocketErrorCode);
        }
    }

    private static void ValidateQos(int qos)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(qos);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qos, 2);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
