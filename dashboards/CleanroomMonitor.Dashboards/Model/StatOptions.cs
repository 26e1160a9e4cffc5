namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Options of a <c>stat</c> panel.</summary>
public sealed record StatOptions(ReduceOptions ReduceOptions) : PanelOptions
{
    public string ColorMode { get; init; } = "background";

    public string GraphMode { get; init; } = "none";

    public string JustifyMode { get; init; } = "auto";

    public string Orientation { get; init; } = "auto";

    public string TextMode { get; init; } = "value_and_name";

    public bool WideLayout { get; init; } = true;

    public bool ShowPercentChange { get; init; }
}
