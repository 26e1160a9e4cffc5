namespace CleanroomMonitor.Core.Notifications;

/// <summary>A version of the notification plan as saved: its text (as the person wrote it, comments included), its
/// version (a hash of the text), who saved it, when and why.</summary>
public sealed record StoredPlan(string Text, string Version, DateTimeOffset SavedAt, string By, string Reason);
