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

    // Called by the window, in receive order, under its lock. MQTTnet queues sends behind one first-in-first-out lock
    // that AcknowledgeAsync enters before its first await, so calling it here without awaiting keeps that order on the
    // wire, and the caller (the buffer stage, after its commit) does not wait for the socket.
    private void SendAcknowledgement(MqttApplicationMessageReceivedEventArgs e)
    {
        Task sent;
        try
        {
            sent = e.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            sent = Task.FromException(ex);
        }
        if (sent.IsCompletedSuccessfully)
        {
            Released();
            return;
        }
        _ = sent.ContinueWith(static (task, state) =>
        {
            var (client, topic) = ((MqttClient, string))state!;
            if (task.IsCompletedSuccessfully)
            {
                client.Released();
            }
            else
            {
                // The connection is gone: the broker sends the message again, and the duplicate is recognised downstream.
                client._logger.AcknowledgementNotSent(client._name, topic, task.Exception?.GetBaseException().Message ?? "cancelled");
            }
        }, (this, e.ApplicationMessage.Topic), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Released()
    {
        Interlocked.Increment(ref _releasedCount);
        _metrics.AcknowledgedToBroker();
    }
}
