using MQTTnet;
using MQTTnet.Protocol;

namespace CleanroomMonitor.Mqtt.Client;

// Publishing: every publish goes through one outbox, in order. QoS 1/2 publishes made while offline wait there and go
// out after the next connect (memory only); up to MaxInflight wait for their PUBACK at once. A publish whose connection
// breaks before its PUBACK is sent again after the reconnect: at least once, never silently dropped.
public sealed partial class MqttClient
{
    private static readonly TimeSpan ReconnectPoll = TimeSpan.FromMilliseconds(10);

    private sealed record OutgoingMessage(MqttApplicationMessage Message, TaskCompletionSource? Acknowledged);

    /// <summary>Publishes and, for QoS 1/2, completes when the broker acknowledged the message. While offline a QoS ≥ 1
    /// message waits in the client (memory only) and is sent after the reconnect: the task then waits. Cancelling stops
    /// the wait, not the delivery.</summary>
    /// <exception cref="MqttException">QoS 0 while disconnected, the broker refused the message (MQTT 5 reason code), or
    /// the client stopped first.</exception>
    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, int qos, bool retain, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Enqueue(topic, payload.Span, qos, retain, acknowledged))
        {
            throw new MqttException($"Publishing to '{topic}' failed: MQTT client {_name} is not connected and QoS 0 is not queued.");
        }
        await acknowledged.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Hands the message to the client and returns. True when it is sent or queued (QoS ≥ 1 while offline is
    /// queued and sent after the reconnect: do not retry); false when a QoS 0 message was dropped because the client is
    /// offline.</summary>
    public bool Publish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain) => Enqueue(topic, payload, qos, retain, null);

    private bool Enqueue(string topic, ReadOnlySpan<byte> payload, int qos, bool retain, TaskCompletionSource? acknowledged)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ValidateQos(qos);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _fault) is { } fault)
        {
            throw fault;
        }
        if (qos == 0 && !IsConnected)
        {
            return false;
        }
        var message = new MqttApplicationMessage
        {
            Topic = topic,
            Payload = new System.Buffers.ReadOnlySequence<byte>(payload.ToArray()),
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos,
            Retain = retain,
        };
        // False only once Dispose has completed the outbox.
        ObjectDisposedException.ThrowIf(!_outbox.Writer.TryWrite(new OutgoingMessage(message, acknowledged)), this);
        return true;
    }

    private async Task SendOutboxAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var outgoing in _outbox.Reader.ReadAllAsync(stopping))
            {
                await _inflight.WaitAsync(stopping);
                _ = SendAsync(outgoing, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping: Dispose fails what is left
        }
    }

    private async Task SendAsync(OutgoingMessage outgoing, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                if (outgoing.Message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
                {
                    await WaitUntilConnectedForPublishAsync(stopping);
                }
                try
                {
                    var result = await _mqtt.PublishAsync(outgoing.Message, stopping);
                    if (outgoing.Message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
                    {
                        Interlocked.Increment(ref _acknowledgedCount);
                        _metrics.Acknowledged();
                    }
                    if (result.IsSuccess)
                    {
                        outgoing.Acknowledged?.TrySetResult();
                    }
                    else
                    {
                        var refusal = $"the broker refused the message on '{outgoing.Message.Topic}': {ReasonText.Of(result.ReasonCode, result.ReasonString)}";
                        _logger.PublishRefused(_name, refusal);
                        outgoing.Acknowledged?.TrySetException(new MqttException(refusal, (int)result.ReasonCode));
                    }
                    return;
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException
                    || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
                {
                    if (outgoing.Message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
                    {
                        outgoing.Acknowledged?.TrySetException(new MqttException($"Publishing to '{outgoing.Message.Topic}' failed: {Describe(ex)}"));
                        return;
                    }
                    // The connection broke before the PUBACK: send it again once connected (the broker may get it twice).
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            outgoing.Acknowledged?.TrySetException(Stopped());
        }
        catch (MqttException fault)
        {
            outgoing.Acknowledged?.TrySetException(fault);   // the client gave up connecting
        }
        finally
        {
            ReleaseInflight();
        }
    }

    private async Task WaitUntilConnectedForPublishAsync(CancellationToken stopping)
    {
        while (!_mqtt.IsConnected)
        {
            var connected = Volatile.Read(ref _connected).Task;
            if (connected.IsCompletedSuccessfully)
            {
                // The connection has just ended and the connection task has not yet replaced the signal.
                await Task.Delay(ReconnectPoll, _time, stopping);
                continue;
            }
            await connected.WaitAsync(stopping);
        }
    }

    private void ReleaseInflight()
    {
        try
        {
            _inflight.Release();
        }
        catch (ObjectDisposedException)
        {
            // the client is gone
        }
    }

    private int FailOutbox()
    {
        var pending = 0;
        while (_outbox.Reader.TryRead(out var outgoing))
        {
            pending++;
            outgoing.Acknowledged?.TrySetException(Stopped());
        }
        _outbox.Writer.TryComplete();
        return pending;
    }

    private MqttException Stopped() => new($"MQTT client {_name} was disposed before the broker acknowledged the message.");
}
