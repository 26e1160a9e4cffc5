using System.Diagnostics.Metrics;
using System.Threading.Channels;
using CleanroomMonitor.Core.Notifications;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>Sends planned deliveries, several at once, each on its step's channels in order: the first channel that
/// takes it ends the delivery; when all fail the round is tried again after a back-off, and after the last round the
/// delivery is recorded as failed and raised as a system excursion. Every attempt is saved with the server's answer.</summary>
/// <remarks>A delivery is saved as pending before it gets here, so a stop or a crash in the middle leaves it pending and
/// the next start sends it: a person may, rarely, get a message twice, never none.</remarks>
public sealed class DeliverySender(IEnumerable<INotificationChannel> channels, INotificationRecords store, NotificationHealth health,
    IOptions<NotificationOptions> options, IMeterFactory meters, TimeProvider time, ILogger<DeliverySender> logger) : BackgroundService
{
    private readonly Counter<long> _attempts = meters.Create("CleanroomMonitor.Notifications").CreateCounter<long>("cleanroom.notifications.attempts",
        "{attempt}", "Delivery attempts, by channel and outcome (delivered, failed)");
    private readonly Counter<long> _finished = meters.Create("CleanroomMonitor.Notifications").CreateCounter<long>("cleanroom.notifications.deliveries",
        "{notification}", "Notifications finished, by outcome (delivered, failed)");

    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly Channel<(Delivery Delivery, NotificationMessage Message, Contact Contact)> _queue =
        Channel.CreateUnbounded<(Delivery, NotificationMessage, Contact)>(new UnboundedChannelOptions { SingleReader = false });

    /// <summary>Queues a pending delivery; never waits (the queue holds at most what the escalations planned).</summary>
    public void Send(Delivery delivery, NotificationMessage message, Contact contact) => _queue.Writer.TryWrite((delivery, message, contact));

    /// <summary>Sends one delivery now, on the caller's task (test notifications answer with the outcome).</summary>
    public async Task<Delivery> DeliverAsync(Delivery delivery, NotificationMessage message, Contact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.Value;
        var attempts = new List<DeliveryAttempt>(delivery.Attempts);
        var delay = settings.RoundDelay;
        for (var round = 1; round <= settings.DeliveryRounds; round++)
        {
            // A channel that cannot reach this person (an email-only contact on an "sms, email" step) is passed over, not tried.
            foreach (var name in delivery.Channels.Where(name => !_channels.TryGetValue(name, out var c) || c.AddressFor(contact) is not null))
            {
                var attempt = await AttemptAsync(delivery, name, message, contact, cancellationToken);
                attempts.Add(attempt);
                if (attempt.Delivered)
                {
                    var delivered = delivery with { Status = DeliveryStatus.Delivered, Attempts = attempts };
                    await store.SaveAsync([], [delivered], cancellationToken);
                    _finished.Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));
                    health.DeliveryResult(true, contact.Name);
                    return delivered;
                }
                await store.SaveAsync([], [delivery with { Attempts = attempts }], cancellationToken);
            }
            if (round < settings.DeliveryRounds)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
        }
        var failed = delivery with { Status = DeliveryStatus.Failed, Attempts = attempts, Note = $"not delivered on any channel in {settings.DeliveryRounds} rounds" };
        await store.SaveAsync([], [failed], cancellationToken);
        _finished.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        logger.DeliveryFailed(delivery.Id, contact.Id, delivery.ExcursionId, string.Join(", ", delivery.Channels), settings.DeliveryRounds);
        health.DeliveryResult(false, contact.Name);
        return failed;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentDeliveries).Select(_ => SendLoopAsync(stoppingToken)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (delivery, message, contact) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await DeliverAsync(delivery, message, contact, stoppingToken);
                }
                catch (Exception ex) when (NotificationDispatcher.IsStoreFailure(ex))
                {
                    // The attempt's record could not be saved: the delivery stays as last saved (pending), and the next
                    // start sends it. The other deliveries go on.
                    logger.DeliveryRecordFailed(delivery.Id, ex.Message, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // What was not finished stays pending in the store: the next start sends it.
        }
    }

    private async Task<DeliveryAttempt> AttemptAsync(Delivery delivery, string name, NotificationMessage message, Contact contact, CancellationToken cancellationToken)
    {
        if (!_channels.TryGetValue(name, out var channel))
        {
            return new DeliveryAttempt(name, string.Empty, time.GetUtcNow(), false, $"channel '{name}' is not configured on this installation");
        }
        var address = channel.AddressFor(contact)!;
        DeliveryResult result;
        try
        {
            result = await channel.SendAsync(message, contact, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The never-throw boundary: a channel's defect is a failed attempt, and the next channel is tried.
            logger.ChannelThrew(name, delivery.Id, ex);
            result = DeliveryResult.Failed($"the channel failed: {ex.Message}");
        }
        if (!result.Delivered)
        {
            logger.DeliveryAttemptFailed(delivery.Id, contact.Id, name, address, result.Answer);
        }
        health.ChannelResult(name, result.Delivered, result.Answer);
        _attempts.Add(1, new KeyValuePair<string, object?>("channel", name), new KeyValuePair<string, object?>("outcome", result.Delivered ? "delivered" : "failed"));
        return new DeliveryAttempt(name, address, time.GetUtcNow(), result.Delivered, result.Answer);
    }
}
