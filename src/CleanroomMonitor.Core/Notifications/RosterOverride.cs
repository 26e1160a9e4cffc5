namespace CleanroomMonitor.Core.Notifications;

/// <summary>A period that replaces a roster's weekly shifts (a public holiday, a swap, a works shutdown): from
/// <paramref name="From"/> up to <paramref name="To"/>, both local times of the roster's zone, these contacts are on
/// call instead of whoever the shifts name.</summary>
public sealed record RosterOverride(DateTime From, DateTime To, IReadOnlyList<string> Contacts, string? Reason)
{
    public bool Covers(DateTime local) => local >= From && local < To;
}
