using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Api;

/// <summary>A room a principal may start a batch in, with the tenants renting it now (none: not leased).</summary>
public sealed record BatchRoomChoice(Room Room, IReadOnlyList<string> Lessees);
