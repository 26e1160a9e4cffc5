namespace CleanroomMonitor.Core.Notifications;

/// <summary>The outcome of one delivery attempt on one channel: whether the server took the message, and its answer
/// in words (an SMTP reply "250 2.0.0 Ok: queued as ...", a gateway's "HTTP 202 {...}", or why it failed), kept in the
/// delivery record as the gateway's answer.</summary>
public sealed record DeliveryResult(bool Delivered, string Answer)
{
    public static DeliveryResult Accepted(string answer) => new(true, answer);

    public static DeliveryResult Failed(string answer) => new(false, answer);
}
