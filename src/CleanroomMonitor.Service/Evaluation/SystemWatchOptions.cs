using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>When the monitoring system raises excursions about itself (section <c>SystemWatch</c>).</summary>
public sealed class SystemWatchOptions
{
    public const string SectionName = "SystemWatch";

    /// <summary>A System excursion when the durable buffer holds more than this fraction of its disk budget, well
    /// before the budget is reached and ingest has to hold back.</summary>
    /// <value>Default: 0.8.</value>
    [Range(0.1, 0.99)]
    public double BufferAlarmFraction { get; set; } = 0.8;

    /// <summary>A System excursion when the oldest reading not yet in InfluxDB is older than this (InfluxDB down or slow).</summary>
    /// <value>Default: 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00")]
    public TimeSpan BufferAlarmAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the buffer is checked.</summary>
    /// <value>Default: 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
