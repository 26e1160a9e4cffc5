namespace CleanroomMonitor.Dashboards.Publishing;

/// <summary>What publishing does to one dashboard: create it, update it (naming what differs), or nothing.</summary>
public sealed record DashboardChange(string Uid, string Title, DashboardChangeKind Kind, IReadOnlyList<string> Differences)
{
    public override string ToString() => Kind switch
    {
        DashboardChangeKind.Create => $"create    {Uid}  \"{Title}\"",
        DashboardChangeKind.Update => $"update    {Uid}  \"{Title}\": {string.Join("; ", Differences)}",
        _ => $"unchanged {Uid}  \"{Title}\"",
    };
}
