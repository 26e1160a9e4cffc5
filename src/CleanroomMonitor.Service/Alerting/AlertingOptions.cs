using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Alerting;

/// <summary>Where excursion transitions are sent besides the MQTT alert topic (section <c>Alerting</c>).</summary>
public sealed class AlertingOptions
{
    public const string SectionName = "Alerting";

    /// <summary>URLs that receive every transition as a JSON POST.</summary>
    /// <value>Default: none.</value>
    public IList<Uri> Webhooks { get; } = [];

    /// <summary>How many times a webhook delivery is tried before it is given up (and logged as failed).</summary>
    /// <value>Default: 8.</value>
    [Range(1, 100)]
    public int WebhookAttempts { get; set; } = 8;

    /// <summary>The first retry delay; it doubles on each attempt, up to 5 minutes.</summary>
    /// <value>Default: 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-request timeout.</summary>
    /// <value>Default: 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
