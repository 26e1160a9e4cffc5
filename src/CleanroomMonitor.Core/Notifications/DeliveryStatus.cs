namespace CleanroomMonitor.Core.Notifications;

/// <summary>Where one notification to one person stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Planned and saved, not yet taken by any channel (a restart sends it).</summary>
    Pending,

    /// <summary>A channel's server took it.</summary>
    Delivered,

    /// <summary>Every channel of the step failed, every round: the person was not reached.</summary>
    Failed,

    /// <summary>Nobody to send to: a roster with nobody on call, a tenant's person for another tenant's excursion.</summary>
    Unreached,
}
