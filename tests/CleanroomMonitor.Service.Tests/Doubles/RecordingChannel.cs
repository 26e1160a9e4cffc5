using System.Collections.Concurrent;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Service.Notifications;

namespace CleanroomMonitor.Service.Tests.Doubles;

/// <summary>A channel that keeps what it is given and answers as the test says (deliver, or fail with an answer), for
/// the dispatcher's unit tests; the real channels are tested against real SMTP and HTTP servers.</summary>
internal sealed class RecordingChannel(string name, ContactAddress address) : INotificationChannel
{
    public string Name => name;

    public ConcurrentQueue<(NotificationMessage Message, Contact Contact)> Sent { get; } = new();

    /// <summary>Null: deliver; otherwise the answer of a failed attempt.</summary>
    public string? FailWith { get; set; }

    public string? AddressFor(Contact contact) => address == ContactAddress.Email ? contact.Email : contact.Phone;

    public Task<DeliveryResult> SendAsync(NotificationMessage message, Contact contact, CancellationToken cancellationToken)
    {
        if (FailWith is { } answer)
        {
            return Task.FromResult(DeliveryResult.Failed(answer));
        }
        Sent.Enqueue((message, contact));
        return Task.FromResult(DeliveryResult.Accepted($"250 queued for {AddressFor(contact)}"));
    }
}
