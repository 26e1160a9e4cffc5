namespace CleanroomMonitor.Core.Notifications;

/// <summary>One try on one channel: where it went, when, and what the server answered.</summary>
public sealed record DeliveryAttempt(string Channel, string Address, DateTimeOffset At, bool Delivered, string Answer);
