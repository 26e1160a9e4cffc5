namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Grafana's threshold ladder (<c>fieldConfig.defaults.thresholds</c>), absolute values.</summary>
public sealed record Thresholds(string Mode, IReadOnlyList<ThresholdStep> Steps)
{
    public static Thresholds Absolute(IReadOnlyList<ThresholdStep> steps) => new("absolute", steps);

    /// <summary>A single base step: no threshold colouring.</summary>
    public static Thresholds None { get; } = Absolute([new ThresholdStep("green", null)]);
}
