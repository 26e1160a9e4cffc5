using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using CleanroomMonitor.Mqtt.Native;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Mqtt.Client;

/// <summary>
/// An MQTT client over libmosquitto 2.0.11 that guards against the library's known pitfalls (README.md):
/// subscriptions are re-made on every connect, incoming messages are copied into a bounded channel (when it is full
/// the network thread waits, so TCP flow control leaves the rest with the broker), QoS ≥ 1 publishes made while
/// offline stay queued, refused connections stop after <see cref="MqttClientOptions.MaxConnectRefusals"/>, and a
/// watchdog restarts the network loop when it has been disconnected for <see cref="MqttClientOptions.WatchdogTimeout"/>.
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    // libmosquitto's loop only leaves loop_forever once the state is "disconnected"; a reconnect that finishes
    // between our disconnect and the join sets it back, so the disconnect is repeated at this interval.
    private static readonly TimeSpan LoopStopRetryInterval = TimeSpan.FromSeconds(1);

    private readonly MqttClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MqttClientMetrics _metrics;
    private readonly string _name;
    private readonly Channel<MqttMessage> _inbox;
    private readonly MosquittoHandle _handle;
    private readonly GCHandle _self;
    private readonly Lock _lifecycleGate = new();                  // Start, watchdog restart, dispose; never taken on the loop thread
    private readonly Lock _publishGate = new();                    // publish + mid registration vs. the PUBACK callback
    private readonly Dictionary<int, TaskCompletionSource> _pendingAcks = [];
    private readonly Dictionary<string, int> _subscriptions = [];  // guarded by itself
    private ITimer? _watchdog;
    private TaskCompletionSource _ready = NewSignal();
    private MqttException? _fault;
    private string? _lastError;
    private long _disconnectedSinceTicks;
    private static readonly TimeSpan InboxWaitSlice = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan InboxDisposeWait = TimeSpan.FromSeconds(5);

    private long _inboxOverflowCount;
    private long _inboxWaits;
    private int _disposing;
    private long _acknowledgedCount;
    private long _watchdogRestarts;
    private int _isConnected;
    private bool _started;
    private bool _disposed;

    /// <summary>Creates the libmosquitto handle and applies <paramref name="options"/>; nothing connects until <see cref="Start"/>.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="MqttException">libmosquitto rejected an option.</exception>
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
        // FullMode.Wait makes TryWrite return false when full instead of dropping silently (DropOldest/DropNewest
        // would hide the loss); the network thread must never wait, so a false is counted as an inbox overflow.
        _inbox = Channel.CreateBounded<MqttMessage>(new BoundedChannelOptions(options.InboxCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });

        var init = LibMosquitto.EnsureInitialized();
        if (init != LibMosquitto.Success)
        {
            throw Error("mosquitto_lib_init failed", init);
        }
        _self = GCHandle.Alloc(this);
        _handle = LibMosquitto.mosquitto_new(options.ClientId, options.CleanSession, GCHandle.ToIntPtr(_self));
        if (_handle.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            _self.Free();
            throw new MqttException($"mosquitto_new failed for client '{_name}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
        try
        {
            Configure();
        }
        catch (MqttException)
        {
            _handle.Dispose();
            _self.Free();
            throw;
        }
    }

    /// <summary>Event raised on connect, refusal and connection loss. Handlers run on libmosquitto's network thread:
    /// keep them short, and never dispose the client from one (disposing joins that very thread).</summary>
    public event EventHandler<MqttConnectionChangedEventArgs>? ConnectionChanged;

    /// <summary>Messages received on the subscriptions, in arrival order. A full inbox stalls the network thread
    /// (keep-alives included) until there is room; when disposing, keep reading until it completes, or messages the
    /// broker already considers delivered are lost after a few seconds (see <see cref="InboxOverflowCount"/>).</summary>
    public ChannelReader<MqttMessage> Messages => _inbox.Reader;

    /// <summary>True between a successful CONNACK and the next disconnect.</summary>
    public bool IsConnected => Volatile.Read(ref _isConnected) == 1;

    /// <summary>Messages lost because <see cref="Messages"/> was full while the client was being disposed and
    /// nobody read it. While the client runs a full inbox makes the network thread wait instead.</summary>
    public long InboxOverflowCount => Interlocked.Read(ref _inboxOverflowCount);

    /// <summary>How often the network thread found <see cref="Messages"/> full and waited for room.</summary>
    public long InboxWaits => Interlocked.Read(ref _inboxWaits);

    /// <summary>QoS ≥ 1 publishes the broker has acknowledged, those of <see cref="Publish"/> included: a load
    /// generator compares it with what it handed over to keep its window of unacknowledged messages bounded.</summary>
    public long AcknowledgedCount => Interlocked.Read(ref _acknowledgedCount);

    /// <summary>How often the watchdog restarted the network loop.</summary>
    public long WatchdogRestarts => Interlocked.Read(ref _watchdogRestarts);

    /// <summary>The last connection problem seen (errno text, refusal reason), or null.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Connects and starts libmosquitto's network thread. A broker that is not up yet is fine: the loop
    /// retries with the configured back-off. The TCP connect itself is synchronous (instant on loopback or when
    /// refused; up to the OS connect timeout for a host that drops packets), because libmosquitto 2.0.11 does not
    /// retry after a failed asynchronous connect.</summary>
    /// <exception cref="MqttException">The host cannot be resolved, or libmosquitto rejected the request.</exception>
    public void Start()
    {
        lock (_lifecycleGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException($"MQTT client {_name} is already started.");
            }
            _started = true;
            _logger.ClientStarting(_name, _options.Host, _options.Port, _options.ProtocolVersion, _options.CleanSession);
            MarkDisconnected();
            Connect(isRestart: false);
            ThrowOnError(LibMosquitto.mosquitto_loop_start(_handle), "mosquitto_loop_start");
            var period = _options.WatchdogTimeout / 4;
            _watchdog = _time.CreateTimer(_ => OnWatchdogTick(), null, period, period);
        }
    }

    /// <summary>Registers a subscription. It is made on every (re)connect, because libmosquitto does not restore
    /// subscriptions, and at once when already connected.</summary>
    public void Subscribe(string topicFilter, int qos)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        ArgumentOutOfRangeException.ThrowIfNegative(qos);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qos, 2);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_subscriptions)
        {
            _subscriptions[topicFilter] = qos;
        }
        if (IsConnected)
        {
            int rc;
            unsafe
            {
                rc = LibMosquitto.mosquitto_subscribe(_handle, null, topicFilter, qos);
            }
            if (rc is not (LibMosquitto.Success or LibMosquitto.NoConnection))   // NO_CONN: the connect callback subscribes
            {
                throw Error($"Subscribing to '{topicFilter}' failed", rc);
            }
        }
    }

    /// <summary>Completes when the client is connected and the broker acknowledged the subscriptions made on
    /// connect: the point from which published messages reach <see cref="Messages"/>.</summary>
    /// <exception cref="MqttException">The client gave up (repeated refusals).</exception>
    /// <summary>Connected and every subscription acknowledged: messages published now reach this client.</summary>
    public bool IsReady => IsConnected && Volatile.Read(ref _ready).Task.IsCompletedSuccessfully;

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Volatile.Read(ref _ready).Task.WaitAsync(cancellationToken);
    }

    /// <summary>Publishes and, for QoS 1/2, completes when the broker acknowledged the message. While offline a
    /// QoS ≥ 1 message stays queued in libmosquitto (memory only) and is sent on reconnect: the task then waits.
    /// Cancelling stops the wait, not the delivery.</summary>
    /// <exception cref="MqttException">QoS 0 while disconnected, or libmosquitto rejected the message.</exception>
    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, int qos, bool retain, CancellationToken cancellationToken)
    {
        ValidatePublish(topic, qos);
        cancellationToken.ThrowIfCancellationRequested();
        if (qos == 0)
        {
            var rc0 = PublishNative(topic, payload.Span, 0, retain, out _);
            ThrowOnError(rc0, $"Publishing to '{topic}'");   // NO_CONN included: libmosquitto drops QoS 0 while offline
            return;
        }
        var ack = NewSignal();
        int rc;
        int mid;
        lock (_publishGate)
        {
            // The PUBACK can arrive before mosquitto_publish returns to us; holding the gate until the mid is
            // registered makes the publish callback wait for it. The callback takes no other lock of ours.
            rc = PublishNative(topic, payload.Span, qos, retain, out mid);
            if (rc is LibMosquitto.Success or LibMosquitto.NoConnection)
            {
                _pendingAcks[mid] = ack;
            }
        }
        // NO_CONN for QoS >= 1 means "queued, sent on reconnect" (docs/instruments.md §4): retrying would duplicate it.
        if (rc is not (LibMosquitto.Success or LibMosquitto.NoConnection))
        {
            throw Error($"Publishing to '{topic}' failed", rc);
        }
        using var registration = cancellationToken.Register(() =>
        {
            lock (_publishGate)
            {
                _pendingAcks.Remove(mid);
            }
            ack.TrySetCanceled(cancellationToken);
        });
        await ack.Task;
    }

    /// <summary>Hands the message to libmosquitto and returns. True when it is sent or queued (QoS ≥ 1 while
    /// offline is queued and sent on reconnect: do not retry); false when a QoS 0 message was dropped because the
    /// client is offline.</summary>
    /// <exception cref="MqttException">libmosquitto rejected the message.</exception>
    public bool Publish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain)
    {
        ValidatePublish(topic, qos);
        var rc = PublishNative(topic, payload, qos, retain, out _);
        return rc switch
        {
            LibMosquitto.Success => true,
            LibMosquitto.NoConnection => qos > 0,
            _ => throw Error($"Publishing to '{topic}' failed", rc),
        };
    }

    /// <summary>Disconnects, stops the network thread, destroys the handle (in that order: destroying a handle
    /// whose loop still runs frees memory that thread uses) and completes <see cref="Messages"/>.</summary>
    public ValueTask DisposeAsync()
    {
        int pending;
        lock (_lifecycleGate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }
            _disposed = true;
            Volatile.Write(ref _disposing, 1);
            _watchdog?.Dispose();
            if (_started)
            {
                StopLoop();
            }
            _handle.Dispose();
            _self.Free();   // only now: no callback can run any more
        }
        _inbox.Writer.TryComplete();
        lock (_publishGate)
        {
            pending = _pendingAcks.Count;
            foreach (var ack in _pendingAcks.Values)
            {
                ack.TrySetException(new MqttException($"MQTT client {_name} was disposed before the broker acknowledged the message."));
            }
            _pendingAcks.Clear();
        }
        Volatile.Read(ref _ready).TrySetException(new ObjectDisposedException(nameof(MqttClient)));
        if (Interlocked.Exchange(ref _isConnected, 0) == 1)
        {
            _metrics.Disconnected(unexpected: false);
        }
        _logger.ClientStopped(_name, pending);
        _metrics.Dispose();
        return ValueTask.CompletedTask;
    }

    private unsafe void Configure()
    {
        var v5 = _options.ProtocolVersion == MqttProtocolVersion.V5;
        ThrowOnError(LibMosquitto.mosquitto_int_option(_handle, LibMosquitto.ProtocolVersionOption, v5 ? LibMosquitto.ProtocolV5 : LibMosquitto.ProtocolV311),
            "Setting the protocol version");
        ThrowOnError(LibMosquitto.mosquitto_int_option(_handle, LibMosquitto.TcpNoDelayOption, 1), "Setting TCP_NODELAY");
        if (v5)
        {
            ThrowOnError(LibMosquitto.mosquitto_int_option(_handle, LibMosquitto.ReceiveMaximumOption, _options.MaxInflight), "Setting Receive Maximum");
            ThrowOnError(LibMosquitto.mosquitto_int_option(_handle, LibMosquitto.SendMaximumOption, _options.MaxInflight), "Setting Send Maximum");
        }
        else
        {
            ThrowOnError(LibMosquitto.mosquitto_max_inflight_messages_set(_handle, (uint)_options.MaxInflight), "Setting max inflight messages");
        }
        if (_options.Username is not null)
        {
            ThrowOnError(LibMosquitto.mosquitto_username_pw_set(_handle, _options.Username, _options.Password), "Setting the credentials");
        }
        if (_options.CaFile is not null)
        {
            ThrowOnError(LibMosquitto.mosquitto_tls_set(_handle, _options.CaFile, null, _options.CertFile, _options.KeyFile, 0), "Setting up TLS");
            ThrowOnError(LibMosquitto.mosquitto_tls_insecure_set(_handle, _options.TlsInsecure), "Setting TLS host name checking");
        }
        ThrowOnError(LibMosquitto.mosquitto_reconnect_delay_set(_handle, (uint)_options.ReconnectDelayMin.TotalSeconds,
            (uint)_options.ReconnectDelayMax.TotalSeconds, exponentialBackoff: true), "Setting the reconnect delay");
        LibMosquitto.mosquitto_connect_callback_set(_handle, &OnConnectNative);
        LibMosquitto.mosquitto_disconnect_callback_set(_handle, &OnDisconnectNative);
        LibMosquitto.mosquitto_subscribe_callback_set(_handle, &OnSubscribeNative);
        LibMosquitto.mosquitto_publish_callback_set(_handle, &OnPublishNative);
        LibMosquitto.mosquitto_message_callback_set(_handle, &OnMessageNative);
        LibMosquitto.mosquitto_log_callback_set(_handle, &OnLogNative);
    }

    private unsafe void Connect(bool isRestart)
    {
        var keepAlive = (int)_options.KeepAlive.TotalSeconds;
        int rc;
        int errno;
        nint properties = 0;
        try
        {
            // MQTT 5 sessions end at disconnect without a Session Expiry Interval (docs/instruments.md §4). libmosquitto keeps
            // a copy of these CONNECT properties and sends them again on each reconnect of its loop.
            if (_options.ProtocolVersion == MqttProtocolVersion.V5 && _options.SessionExpiry > TimeSpan.Zero)
            {
                ThrowOnError(LibMosquitto.mosquitto_property_add_int32(&properties, LibMosquitto.SessionExpiryIntervalProperty,
                    (uint)_options.SessionExpiry.TotalSeconds), "Adding the Session Expiry Interval");
            }
            // A blocking connect: after a failed mosquitto_connect_async, 2.0.11's loop thread never retries.
            rc = LibMosquitto.mosquitto_connect_bind_v5(_handle, _options.Host, _options.Port, keepAlive, null, properties);
            errno = Marshal.GetLastPInvokeError();
        }
        finally
        {
            LibMosquitto.mosquitto_property_free_all(&properties);
        }
        if (rc == LibMosquitto.Success)
        {
            return;
        }
        var error = rc == LibMosquitto.Errno ? Marshal.GetPInvokeErrorMessage(errno) : LibMosquitto.ErrorText(rc);
        Volatile.Write(ref _lastError, error);
        // ERRNO (refused, unreachable) is retried by the loop. Anything else is a configuration problem at start
        // (EAI: the host name does not resolve); after a watchdog restart it is logged and tried again later.
        if (rc != LibMosquitto.Errno && !isRestart)
        {
            throw new MqttException($"MQTT client {_name} cannot connect to {_options.Host}:{_options.Port}: {error}", rc);
        }
        _logger.BrokerNotReachable(_name, _options.Host, _options.Port, error);
    }

    private void OnWatchdogTick()
    {
        if (IsConnected || Volatile.Read(ref _fault) is not null)
        {
            return;
        }
        lock (_lifecycleGate)
        {
            var disconnectedFor = _time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _disconnectedSinceTicks), TimeSpan.Zero);
            if (_disposed || IsConnected || _fault is not null || disconnectedFor < _options.WatchdogTimeout)
            {
                return;
            }
            // The loop thread ends silently on TLS/protocol errors (docs/instruments.md §4): nothing else would notice.
            _logger.WatchdogRestart(_name, disconnectedFor);
            _metrics.WatchdogRestart();
            Interlocked.Increment(ref _watchdogRestarts);
            StopLoop();
            MarkDisconnected();
            Connect(isRestart: true);
            ThrowOnError(LibMosquitto.mosquitto_loop_start(_handle), "mosquitto_loop_start");
        }
    }

    // loop_stop(force: true) is not used: pthread_cancel on a thread that also runs our managed callbacks could
    // unwind through runtime frames. Disconnect + join is enough: a dead loop thread joins at once, a live one
    // leaves loop_forever when it sees the "disconnected" state.
    private void StopLoop()
    {
        LibMosquitto.mosquitto_disconnect(_handle);
        var join = Task.Factory.StartNew(() => LibMosquitto.mosquitto_loop_stop(_handle, force: false),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        while (!join.Wait(LoopStopRetryInterval))
        {
            LibMosquitto.mosquitto_disconnect(_handle);
        }
    }

    private unsafe int PublishNative(string topic, ReadOnlySpan<byte> payload, int qos, bool retain, out int mid)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _fault) is { } fault)
        {
            throw fault;
        }
        int localMid;
        int rc;
        fixed (byte* bytes = payload)
        {
            rc = LibMosquitto.mosquitto_publish(_handle, &localMid, topic, payload.Length, bytes, qos, retain);
        }
        mid = localMid;
        return rc;
    }

    private static void ValidatePublish(string topic, int qos)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(qos);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qos, 2);
    }

    private void MarkDisconnected() => Interlocked.Exchange(ref _disconnectedSinceTicks, _time.GetUtcNow().UtcTicks);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void ThrowOnError(int rc, string action)
    {
        if (rc != LibMosquitto.Success)
        {
            throw Error(action + " failed", rc);
        }
    }

    private static MqttException Error(string action, int rc) => new($"{action}: {LibMosquitto.ErrorText(rc)} (rc {rc})", rc);
}
