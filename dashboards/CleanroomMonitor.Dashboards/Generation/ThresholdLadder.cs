using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>A limit set as a Grafana threshold ladder for colouring a current value: red beyond the action band,
/// orange beyond the alert band, green inside. Grafana colours a value from a step's value upwards, so an upper
/// limit equal to the value already shows the breach (limits are inclusive); at a lower limit the colour changes
/// just above it.</summary>
public static class ThresholdLadder
{
    public static Thresholds For(LimitSet set)
    {
        var baseColor = set.Action.Low is not null ? "red" : set.Alert.Low is not null ? "orange" : "green";
        var steps = new List<ThresholdStep> { new(baseColor, null) };
        if (set.Action.Low is { } actionLow)
        {
            steps.Add(new ThresholdStep(set.Alert.Low is not null ? "orange" : "green", actionLow));
        }
        if (set.Alert.Low is { } alertLow)
        {
            steps.Add(new ThresholdStep("green", alertLow));
        }
        if (set.Alert.High is { } alertHigh)
        {
            steps.Add(new ThresholdStep("orange", alertHigh));
        }
        if (set.Action.High is { } actionHigh)
        {
            steps.Add(new ThresholdStep("red", actionHigh));
        }
        return Thresholds.Absolute(steps);
    }
}
