using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Notifications;

/// <summary>Which excursions a policy applies to. Each filter left null matches anything; given, the excursion must
/// match one of its values. An excursion may match several routes: each runs its own escalation.</summary>
/// <param name="Tenants">Matches an excursion in a room leased to one of these tenants, or touching one of their batches.</param>
public sealed record Route(
    string Id,
    string Policy,
    IReadOnlySet<RoomId>? Rooms = null,
    IReadOnlySet<string>? Tenants = null,
    IReadOnlySet<ExcursionKind>? Kinds = null,
    IReadOnlySet<NotificationLevel>? Levels = null)
{
    /// <param name="tenants">The tenants the excursion concerns (room leases during it and its batches' tenants).</param>
    public bool Matches(Excursion excursion, IReadOnlyCollection<string> tenants)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        ArgumentNullException.ThrowIfNull(tenants);
        return (Rooms is null || Rooms.Contains(excursion.Room))
            && (Tenants is null || tenants.Any(Tenants.Contains))
            && (Kinds is null || Kinds.Contains(excursion.Kind))
            && (Levels is null || Levels.Contains(NotificationLevels.Of(excursion)));
    }
}
