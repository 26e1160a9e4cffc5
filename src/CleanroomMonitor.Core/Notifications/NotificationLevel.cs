using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Notifications;

/// <summary>The level a route matches on: the excursion's limit level, except that an excursion of the monitoring
/// system itself (buffer refusing, storage down, a notification channel failing) is its own level, so facility staff can
/// be routed those whatever their limit level.</summary>
public enum NotificationLevel
{
    Alert,
    Action,
    System,
}

public static class NotificationLevels
{
    public static NotificationLevel Of(Excursion excursion)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        return excursion.Kind == ExcursionKind.System ? NotificationLevel.System
            : excursion.Level == LimitLevel.Action ? NotificationLevel.Action
            : NotificationLevel.Alert;
    }
}
