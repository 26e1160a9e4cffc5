using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Calibration;

/// <summary>The calibration register's settings (section <c>Calibration</c>; docs/instruments.md "Calibration register").</summary>
public sealed class CalibrationOptions
{
    public const string SectionName = "Calibration";

    /// <summary>How long before an instrument's due date its warning (an alert-level Calibration excursion) is raised.</summary>
    /// <value>Default: 14 days.</value>
    [Range(typeof(TimeSpan), "1.00:00:00", "180.00:00:00")]
    public TimeSpan WarningBefore { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The interval a new register entry is offered when none is given.</summary>
    /// <value>Default: 365 days.</value>
    [Range(typeof(TimeSpan), "1.00:00:00", "3653.00:00:00")]
    public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the register is judged against the clock (a change to the register is judged at once).</summary>
    /// <value>Default: 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}
