using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>Turns the limits <see cref="LimitBook"/> resolves for a sensor parameter at rest and in operation into the
/// lines a panel draws: every bound of the alert and action bands, once when both states share it, twice (labelled
/// "at rest" and "in operation") where they differ, as for grade B particles (Annex 1 Table 5).</summary>
public static class LimitLines
{
    public static IReadOnlyList<LimitLine> For(LimitSet? atRest, LimitSet? inOperation)
    {
        var lines = new List<LimitLine>();
        foreach (var level in new[] { LimitLevel.Alert, LimitLevel.Action })
        {
            var rest = BandOf(atRest, level);
            var operation = BandOf(inOperation, level);
            var twoSided = (rest.Low is not null && rest.High is not null) || (operation.Low is not null && operation.High is not null);
            Add(lines, level, rest.Low, operation.Low, twoSided ? "low" : "minimum");
            Add(lines, level, rest.High, operation.High, twoSided ? "high" : "limit");
        }
        return lines;
    }

    private static Band BandOf(LimitSet? set, LimitLevel level) =>
        set is null ? Band.None : level == LimitLevel.Alert ? set.Alert : set.Action;

    private static void Add(List<LimitLine> lines, LimitLevel level, double? atRest, double? inOperation, string bound)
    {
        var name = level == LimitLevel.Alert ? "alert" : "action";
        if (atRest == inOperation)
        {
            if (atRest is { } both)
            {
                lines.Add(new LimitLine($"{name} {bound} {InfluxQl.Number(both)}", both, level, null));
            }
            return;
        }
        if (atRest is { } rest)
        {
            lines.Add(new LimitLine($"{name} {bound} {InfluxQl.Number(rest)} (at rest)", rest, level, RoomState.AtRest));
        }
        if (inOperation is { } operation)
        {
            lines.Add(new LimitLine($"{name} {bound} {InfluxQl.Number(operation)} (in operation)", operation, level, RoomState.InOperation));
        }
    }
}
