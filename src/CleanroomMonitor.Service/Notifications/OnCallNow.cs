namespace CleanroomMonitor.Service.Notifications;

/// <summary>Who is on call in a roster now, by name, as the admin page and the API show it.</summary>
public sealed record OnCallNow(string Roster, IReadOnlyList<string> Names);
