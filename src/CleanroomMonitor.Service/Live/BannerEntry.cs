namespace CleanroomMonitor.Service.Live;

/// <summary>One line of the banner of unacknowledged excursions.</summary>
/// <param name="Level">alert, action or system (<see cref="UnacknowledgedBanner.LevelOf"/>): shown in words and colour.</param>
/// <param name="Room">The room's name.</param>
/// <param name="Sensor">The sensor and parameter ("th1 · temperature"); null for a room-level excursion.</param>
/// <param name="Kind">What it is about, in words.</param>
/// <param name="AgeSeconds">Seconds since it started, at the snapshot's time.</param>
/// <param name="HasReturned">Back to normal, still unacknowledged.</param>
public sealed record BannerEntry(Guid Id, string Level, string RoomId, string Room, string? Sensor, string Kind, DateTimeOffset StartedAt,
    double AgeSeconds, bool HasReturned);
