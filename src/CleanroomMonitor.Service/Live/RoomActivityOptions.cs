using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Live;

/// <summary>The periodic per-room activity log line (section <c>Activity</c>): what arrived, room by room.</summary>
public sealed class RoomActivityOptions
{
    public const string SectionName = "Activity";

    /// <summary>How often each room's line is written; zero turns the log off.</summary>
    /// <value>Default: 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
