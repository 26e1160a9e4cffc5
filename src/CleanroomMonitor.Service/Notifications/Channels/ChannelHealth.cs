using CleanroomMonitor.Core.Notifications;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>Whether a channel's last attempt delivered, logged only when that changes: the first failure after a
/// delivery (with its answer) and the first delivery after failures. Every attempt's answer goes to the delivery record,
/// so a dead gateway during an alarm storm is one log line, not one per person.</summary>
internal sealed class ChannelHealth(string channel, ILogger logger)
{
    private int _failing;

    public DeliveryResult Record(DeliveryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Delivered)
        {
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                logger.NotificationChannelRecovered(channel);
            }
        }
        else if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            logger.NotificationChannelFailing(channel, result.Answer);
        }
        return result;
    }
}
