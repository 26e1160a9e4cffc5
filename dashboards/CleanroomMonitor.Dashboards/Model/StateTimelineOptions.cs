namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Options of a <c>state-timeline</c> panel.</summary>
public sealed record StateTimelineOptions(Legend Legend, Tooltip Tooltip) : PanelOptions
{
    public bool MergeValues { get; init; } = true;

    public string ShowValue { get; init; } = "auto";

    public string AlignValue { get; init; } = "left";

    public double RowHeight { get; init; } = 0.9;
}
