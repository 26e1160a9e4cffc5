namespace CleanroomMonitor.Core.Notifications;

/// <summary>Which of a contact's addresses a channel uses.</summary>
public enum ContactAddress
{
    Email,
    Phone,
}
