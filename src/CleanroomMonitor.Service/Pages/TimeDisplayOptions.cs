namespace CleanroomMonitor.Service.Pages;

/// <summary>How the web pages show times (section <c>Display</c>).</summary>
public sealed class TimeDisplayOptions
{
    public const string SectionName = "Display";

    /// <summary>The clock times are shown in: <c>Site</c> or <c>Utc</c>; the other is on hover. A value that is neither
    /// fails start-up.</summary>
    /// <value>Default: Site.</value>
    public TimeDisplay Times { get; set; } = TimeDisplay.Site;
}
