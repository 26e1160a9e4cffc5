using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>How people are notified (section <c>Notifications</c>; docs/notifications.md). The channels have their own
/// sections: <c>Notifications:Email</c> and <c>Notifications:Gateways:&lt;name&gt;</c>.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>A notification plan file (contacts, rosters, policies, routes) that seeds the plan at the first start, when
    /// the record store holds none. After that the plan in the record store is in force and is changed on the admin page
    /// or through the API, audited; a file that differs from it is reported at start, not applied.</summary>
    /// <value>Default: none (nobody is notified until a plan is saved).</value>
    public string? PlanFile { get; set; }

    /// <summary>The address people open the service at, for the links in messages (the excursion page).</summary>
    /// <value>Default: http://127.0.0.1:5080/.</value>
    [Required]
    public Uri PublicUrl { get; set; } = new("http://127.0.0.1:5080/");

    /// <summary>How many times a notification goes round its step's channels before it is recorded as failed.</summary>
    /// <value>Default: 3.</value>
    [Range(1, 10)]
    public int DeliveryRounds { get; set; } = 3;

    /// <summary>The wait before the second round; it doubles for each later round.</summary>
    /// <value>Default: 20 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RoundDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many notifications are sent at the same time, so one slow gateway does not hold up the rest.</summary>
    /// <value>Default: 8.</value>
    [Range(1, 64)]
    public int MaxConcurrentDeliveries { get; set; } = 8;
}
