using CleanroomMonitor.Core.Notifications;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>A way to reach a person: email over SMTP, or a site's SMS or voice gateway over HTTP. One attempt per call,
/// bounded by the channel's own timeout; retries, fallback to the route's next channel and the delivery record are the
/// dispatcher's. A failure to deliver is a result, never an exception.</summary>
public interface INotificationChannel
{
    /// <summary>The name routes use ("email", or the gateway's configured name such as "sms" or "voice").</summary>
    string Name { get; }

    /// <summary>The contact's address on this channel (email address, phone number), or null when it cannot reach them.</summary>
    string? AddressFor(Contact contact);

    Task<DeliveryResult> SendAsync(NotificationMessage message, Contact contact, CancellationToken cancellationToken);
}
