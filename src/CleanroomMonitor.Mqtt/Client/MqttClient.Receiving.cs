using MQTTnet;
using MQTTnet.Protocol;

namespace CleanroomMonitor.Mqtt.Client;

// Received messages: copied into the inbox, acknowledged on receipt or, with AcknowledgeAfterHandling, when the consumer
// says so, in receive order. MQTTnet hands messages over one at a time and sends nothing more to us while a handler
// waits, and the broker sends no more than the in-flight window of unacknowledged messages: so a full inbox or a slow
// commit pushes back on the broker, which keeps the rest in the session.
public sealed partial class MqttClient
{
    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var received = e.ApplicationMessage;
        var qos = (int)received.QualityOfServiceLevel;
        AcknowledgementWindow<MqttApplicationMessageReceivedEventArgs>.Ticket? ticket = null;
        if (_options.AcknowledgeAfterHandling && received.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
        {
            e.AutoAcknowledge = false;
            ticket = _acknowledgements.Add(e);
        }
        var message = new MqttMessage(received.Topic, System.Buffers.BuffersExtensions.ToArray(received.Payload), qos, received.Retain, _time.GetUtcNow()) { Ticket = ticket };
        _metrics.Received();
        if (_inbox.Writer.TryWrite(message))
        {
            return;
        }
        // Full: wait here. Until this returns MQTTnet hands us nothing more; on receipt acknowledgement the PUBACK also
        // waits, so what the broker already sent is not yet its loss. Cancelled only by Dispose: then the message is
        // not acknowledged and the broker sends it again to the next session.
        Interlocked.Increment(ref _inboxWaits);
        _metrics.InboxFull();
        _logger.InboxFull(_name, _options.InboxCapacity);
        var started = _time.GetTimestamp();
        await _inbox.Writer.WriteAsync(message, _stopping.Token);
        _logger.InboxRecovered(_name, _time.GetElapsedTime(started));
    }

    // One sender, so PUBACKs leave in the order the window released them.
    private async Task SendAcknowledgementsAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var e in _released.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    await e.AcknowledgeAsync(stopping);
                    _metrics.AcknowledgedToBroker();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The connection is gone: the broker sends the message again, and the duplicate is recognised downstream.
                    _logger.AcknowledgementNotSent(_name, e.ApplicationMessage.Topic, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping: what is left is sent again by the broker
        }
    }
}
