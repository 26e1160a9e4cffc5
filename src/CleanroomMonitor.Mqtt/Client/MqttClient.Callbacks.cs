using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CleanroomMonitor.Mqtt.Native;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Mqtt.Client;

// The libmosquitto callbacks. All run on the client's one network thread (docs/instruments.md §4), so a slow callback
// stalls keep-alive and every message: they copy, hand over and return. Each static entry point catches
// everything: an exception escaping an [UnmanagedCallersOnly] method terminates the process without a trace.
public sealed partial class MqttClient
{
    private const int LogLevelError = 0x08;     // MOSQ_LOG_ERR
    private const int LogLevelWarning = 0x04;   // MOSQ_LOG_WARNING
    private const int SubscribeFailure = 0x80;  // granted QoS 0x80: the broker refused the subscription

    // Mids of the SUBSCRIBEs made in the current connect callback; touched only on the network thread.
    private readonly HashSet<int> _awaitedSubAcks = [];
    private int _consecutiveRefusals;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnConnectNative(nint mosq, nint userdata, int rc) => Dispatch(userdata, rc, static (c, r) => c.OnConnect(r));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnDisconnectNative(nint mosq, nint userdata, int rc) => Dispatch(userdata, rc, static (c, r) => c.OnDisconnect(r));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnPublishNative(nint mosq, nint userdata, int mid) => Dispatch(userdata, mid, static (c, m) => c.OnPublished(m));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnSubscribeNative(nint mosq, nint userdata, int mid, int qosCount, int* grantedQos)
    {
        var client = Target(userdata);
        try
        {
            client?.OnSubscribed(mid, new ReadOnlySpan<int>(grantedQos, qosCount));
        }
        catch (Exception ex)
        {
            client?.ReportCallbackFailure(ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnMessageNative(nint mosq, nint userdata, MosquittoMessage* message)
    {
        var client = Target(userdata);
        try
        {
            client?.OnMessage(message);
        }
        catch (Exception ex)
        {
            client?.ReportCallbackFailure(ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnLogNative(nint mosq, nint userdata, int level, byte* text)
    {
        var client = Target(userdata);
        try
        {
            client?.OnLibraryLog(level, text);
        }
        catch (Exception ex)
        {
            client?.ReportCallbackFailure(ex);
        }
    }

    private static MqttClient? Target(nint userdata) =>
        userdata == 0 ? null : GCHandle.FromIntPtr(userdata).Target as MqttClient;

    private static void Dispatch(nint userdata, int value, Action<MqttClient, int> handler)
    {
        var client = Target(userdata);
        if (client is null)
        {
            return;
        }
        try
        {
            handler(client, value);
        }
        catch (Exception ex)
        {
            client.ReportCallbackFailure(ex);
        }
    }

    private void ReportCallbackFailure(Exception exception)
    {
        _metrics.CallbackFailed();
        _logger.CallbackFailed(_name, exception);
    }

    private unsafe void OnConnect(int rc)
    {
        var isV5 = _options.ProtocolVersion == MqttProtocolVersion.V5;
        if (rc != 0)
        {
            OnRefused(rc, LibMosquitto.ConnectResultText(rc, isV5));
            return;
        }
        _consecutiveRefusals = 0;
        Volatile.Write(ref _lastError, null);
        Volatile.Write(ref _isConnected, 1);
        _metrics.Connected();
        _logger.Connected(_name, _options.Host, _options.Port);
        // libmosquitto does not restore subscriptions after a reconnect: make them all again, every time.
        _awaitedSubAcks.Clear();
        KeyValuePair<string, int>[] subscriptions;
        lock (_subscriptions)
        {
            subscriptions = [.. _subscriptions];
        }
        foreach (var (filter, qos) in subscriptions)
        {
            int mid;
            var subscribed = LibMosquitto.mosquitto_subscribe(_handle, &mid, filter, qos);
            if (subscribed == LibMosquitto.Success)
            {
                _awaitedSubAcks.Add(mid);
            }
            else
            {
                _logger.SubscribeFailed(_name, filter, LibMosquitto.ErrorText(subscribed));
            }
        }
        if (_awaitedSubAcks.Count == 0)
        {
            Volatile.Read(ref _ready).TrySetResult();
        }
        ConnectionChanged?.Invoke(this, new MqttConnectionChangedEventArgs(true, rc, LibMosquitto.ConnectResultText(rc, isV5)));
    }

    private void OnRefused(int rc, string reason)
    {
        // libmosquitto treats a refused CONNACK (bad credentials, banned id) as retryable and would retry forever.
        var count = ++_consecutiveRefusals;
        Volatile.Write(ref _lastError, reason);
        _metrics.Refused();
        _logger.ConnectRefused(_name, reason, rc, count, _options.MaxConnectRefusals);
        ConnectionChanged?.Invoke(this, new MqttConnectionChangedEventArgs(false, rc, reason));
        if (count < _options.MaxConnectRefusals)
        {
            return;
        }
        var fault = new MqttException(
            $"MQTT broker {_options.Host}:{_options.Port} refused client {_name} {count} times in a row: {reason}", rc);
        Volatile.Write(ref _fault, fault);
        _logger.GaveUpAfterRefusals(_name, count, reason);
        LibMosquitto.mosquitto_disconnect(_handle);   // "disconnected" state: loop_forever stops retrying and returns
        Volatile.Read(ref _ready).TrySetException(fault);
    }

    private void OnDisconnect(int rc)
    {
        MarkDisconnected();
        var wasConnected = Interlocked.Exchange(ref _isConnected, 0) == 1;
        var ready = Volatile.Read(ref _ready);
        if (ready.Task.IsCompleted && Volatile.Read(ref _fault) is null)
        {
            Volatile.Write(ref _ready, NewSignal());
        }
        if (!wasConnected)
        {
            return;   // a refused CONNACK is followed by a disconnect; OnRefused already reported it
        }
        var unexpected = rc != LibMosquitto.Success;
        _metrics.Disconnected(unexpected);
        var reason = LibMosquitto.ErrorText(rc);
        if (unexpected)
        {
            Volatile.Write(ref _lastError, reason);
            _logger.ConnectionLost(_name, reason, rc);
        }
        else
        {
            _logger.Disconnected(_name);
        }
        ConnectionChanged?.Invoke(this, new MqttConnectionChangedEventArgs(false, rc, reason));
    }

    private void OnSubscribed(int mid, ReadOnlySpan<int> grantedQos)
    {
        if (grantedQos.Contains(SubscribeFailure))
        {
            _logger.SubscribeFailed(_name, $"(mid {mid})", "the broker refused the subscription (granted QoS 0x80)");
        }
        if (_awaitedSubAcks.Remove(mid) && _awaitedSubAcks.Count == 0)
        {
            Volatile.Read(ref _ready).TrySetResult();
        }
    }

    private void OnPublished(int mid)
    {
        Interlocked.Increment(ref _acknowledgedCount);
        TaskCompletionSource? ack;
        lock (_publishGate)
        {
            _pendingAcks.Remove(mid, out ack);
        }
        if (ack is not null)
        {
            _metrics.Acknowledged();
            ack.TrySetResult();
        }
    }

    private unsafe void OnMessage(MosquittoMessage* message)
    {
        // Copy now: libmosquitto frees topic and payload when this callback returns. It has already sent the
        // PUBACK (2.0.x acks before the callback), so from here on the message exists only in this process.
        var topic = Marshal.PtrToStringUTF8((nint)message->Topic) ?? string.Empty;
        var payload = new ReadOnlySpan<byte>(message->Payload, message->PayloadLength).ToArray();
        var received = new MqttMessage(topic, payload, message->Qos, message->Retain != 0, _time.GetUtcNow());
        _metrics.Received();
        if (_inbox.Writer.TryWrite(received))
        {
            return;
        }
        WaitForInboxRoom(received);
    }

    // The inbox is full: wait on this network thread rather than drop a message the broker already considers
    // delivered. While we wait libmosquitto reads nothing more, so TCP flow control holds the next messages in the
    // broker (in the persistent session's queue). A stall would have to outlast 1.5 keep-alives before the broker
    // drops the connection, and even then the session keeps its messages. Only a client being disposed with nobody
    // reading gives up, after InboxDisposeWait, and counts the message as an overflow.
    private void WaitForInboxRoom(MqttMessage received)
    {
        Interlocked.Increment(ref _inboxWaits);
        _metrics.InboxFull();
        _logger.InboxFull(_name, _options.InboxCapacity);
        var started = _time.GetTimestamp();
        while (!_inbox.Writer.TryWrite(received))
        {
            var room = _inbox.Writer.WaitToWriteAsync().AsTask();
            if (!room.Wait(InboxWaitSlice) || !room.Result)
            {
                if (room.IsCompleted || (Volatile.Read(ref _disposing) == 1 && _time.GetElapsedTime(started) > InboxDisposeWait))
                {
                    Interlocked.Increment(ref _inboxOverflowCount);
                    _metrics.InboxOverflow();
                    _logger.InboxOverflow(_name, _options.InboxCapacity, received.Topic);
                    return;
                }
            }
        }
        _logger.InboxRecovered(_name, _time.GetElapsedTime(started));
    }

    private unsafe void OnLibraryLog(int level, byte* text)
    {
        // The only trace of a loop thread that died on a TLS error is one library error line: keep it visible.
        var important = (level & (LogLevelError | LogLevelWarning)) != 0;
        if (!_logger.IsEnabled(important ? LogLevel.Warning : LogLevel.Debug))
        {
            return;
        }
        var line = Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
        if (important)
        {
            _logger.LibraryWarning(_name, line);
        }
        else
        {
            _logger.LibraryDebug(_name, line);
        }
    }
}
