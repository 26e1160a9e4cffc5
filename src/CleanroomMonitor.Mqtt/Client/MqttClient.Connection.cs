using MQTTnet;
using MQTTnet.Protocol;

namespace CleanroomMonitor.Mqtt.Client;

// The connection task: connect, subscribe, wait for the connection to end, back off, again, until the client stops or
// the broker has refused it too often. MQTTnet connects once per call; keeping a connection is ours to do.
public sealed partial class MqttClient
{
    private TaskCompletionSource _connected = NewSignal();   // connected, subscriptions or not: what publishing waits for
    private TaskCompletionSource<MqttClientDisconnectedEventArgs> _connectionEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task KeepConnectedAsync(CancellationToken stopping)
    {
        var connectOptions = MqttConnectOptions.Build(_options, Volatile.Read(ref _will));
        var delay = _options.ReconnectDelayMin;
        var refusals = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                Volatile.Write(ref _connectionEnded, new(TaskCreationOptions.RunContinuationsAsynchronously));
                MqttClientConnectResult result;
                using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping))
                {
                    attempt.CancelAfter(ConnectTimeout);
                    result = await _mqtt.ConnectAsync(connectOptions, attempt.Token);
                }
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    if (OnRefused(result, ++refusals))
                    {
                        return;
                    }
                }
                else
                {
                    refusals = 0;
                    delay = _options.ReconnectDelayMin;
                    await OnConnectedAsync(result, stopping);
                    var ended = await Volatile.Read(ref _connectionEnded).Task.WaitAsync(stopping);
                    OnConnectionEnded(ended);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                // Whatever the failure (socket, TLS, protocol), the task goes on: a connection task that ends silently
                // would leave the service deaf with nothing to show for it.
                var error = Describe(ex);
                if (Interlocked.Exchange(ref _isConnected, 0) == 1)
                {
                    OnConnectionEnded(null);
                }
                // Once per distinct error, not once per attempt: a broker down for a night is one warning, not hundreds.
                if (error != Volatile.Read(ref _lastError))
                {
                    _logger.BrokerNotReachable(_name, _options.Host, _options.Port, error);
                }
                Volatile.Write(ref _lastError, error);
            }
            await Task.Delay(delay, _time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectDelayMax.Ticks));
        }
    }

    private async Task OnConnectedAsync(MqttClientConnectResult result, CancellationToken stopping)
    {
        Interlocked.Exchange(ref _isConnected, 1);
        Volatile.Write(ref _lastError, null);
        _metrics.Connected();
        _logger.Connected(_name, _options.Host, _options.Port, result.IsSessionPresent);
        Volatile.Read(ref _connected).TrySetResult();
        KeyValuePair<string, int>[] subscriptions;
        lock (_subscriptions)
        {
            subscriptions = [.. _subscriptions];
        }
        if (subscriptions.Length == 0 || await SubscribeAsync(subscriptions, stopping))
        {
            Volatile.Read(ref _ready).TrySetResult();
        }
        ConnectionChanged?.Invoke(this, new MqttConnectionChangedEventArgs(true, (int)result.ResultCode, ReasonText.Of(result.ResultCode)));
    }

    /// <returns>True when the broker granted every filter.</returns>
    private async Task<bool> SubscribeAsync(IReadOnlyList<KeyValuePair<string, int>> filters, CancellationToken stopping)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var (filter, qos) in filters)
        {
            // MQTT 5: a subscription made again on reconnect does not bring every retained message back.
            builder.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos)
                .WithRetainHandling(MqttRetainHandling.SendAtSubscribeIfNewSubscriptionOnly));
        }
        try
        {
            var result = await _mqtt.SubscribeAsync(builder.Build(), stopping);
            var granted = true;
            foreach (var item in result.Items)
            {
                if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
                {
                    granted = false;
                    _logger.SubscribeFailed(_name, item.TopicFilter.Topic, "the broker refused the subscription: " + ReasonText.Of(item.ResultCode));
                }
            }
            return granted;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException)
        {
            _logger.SubscribeFailed(_name, string.Join(", ", filters.Select(f => f.Key)), Describe(ex));
            return false;
        }
    }

    /// <returns>True when the client gives up.</returns>
    private bool OnRefused(MqttClientConnectResult result, int count)
    {
        // A refusal (bad credentials, banned id, not authorised) does not heal by retrying.
        var reason = ReasonText.Of(result.ResultCode, result.ReasonString);
        Volatile.Write(ref _lastError, reason);
        _metrics.Refused();
        _logger.ConnectRefused(_name, reason, (int)result.ResultCode, count, _options.MaxConnectRefusals);
        ConnectionChanged?.Invoke(this, new MqttConnectionChangedEventArgs(false, (int)result.ResultCode, reason));
        if (count < _options.MaxConnectRefusals)
        {
            return false;
        }
        var fault = new MqttException(
            $"MQTT broker {_options.Host}:{_options.Port} refused client {_name} {count} times in a row: {reason}", (int)result.ResultCode);
        Volatile.Write(ref _fault, fault);
        _logger.GaveUpAfterRefusals(_name, count, reason);
        Volatile.Read(ref _ready).TrySetException(fault);
        Volatile.Read(ref _connected).TrySetException(fault);
        return true;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        // Here, not at the next connect: MQTTnet raises this after its message task has stopped and before a new
        // connection can begin, while a persistent session may deliver messages before ConnectAsync even returns. The
        // messages of the ended connection that were not acknowledged come again; their late acknowledgements must not
        // go out on the next one.
        _acknowledgements.NewConnection();
        if (e.ClientWasConnected)
        {
            Volatile.Read(ref _connectionEnded).TrySetResult(e);
        }
        return Task.CompletedTask;
    }

    private void OnConnectionEnded(MqttClientDisconnectedEventArgs? e)
    {
        Interlocked.Exchange(ref _isConnected, 0);
        if (Volatile.Read(ref _ready).Task.IsCompleted && Volatile.Read(ref _fault) is null)
        {
            Volatile.Write(ref _ready, NewSignal());
        }
        if (Volatile.Read(ref _connected).Task.IsCompleted)
        {
            Volatile.Write(ref _connected, NewSignal());
        }
        _metrics.Disconnected(unexpected: true);
        var reason = e is null ? "connection failed"
            : e.Exception is { } ex && string.IsNullOrEmpty(e.ReasonString) ? Describe(ex)
            : ReasonText.Of(e.Reason, e.ReasonString);
        Volatile.Write(ref _lastError, reason);
        _logger.ConnectionLost(_name, reason, e is null ? 0 : (int)e.Reason);
        ConnectionChanged?.Invoke(this, new MqttConnectionChangedEventArgs(false, e is null ? 0 : (int)e.Reason, reason));
    }

    private static string Describe(Exception ex)
    {
        // MQTTnet wraps the socket error that says what happened ("Connection refused") in its own exception.
        var inner = ex;
        while (inner.InnerException is { } next)
        {
            inner = next;
        }
        return inner is System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException or System.IO.IOException
            ? inner.Message
            : ex.Message;
    }
}
