namespace CleanroomMonitor.Dashboards.Publishing;

public enum DashboardChangeKind
{
    Create,
    Update,
    Unchanged,
}
