namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>A room window a scenario declares through the API (POST /api/rooms/{room}/windows, docs/excursions.md).</summary>
/// <param name="Kind">"non-monitoring" or "operation".</param>
internal sealed record WindowDeclaration(string Room, string Kind, DateTimeOffset From, DateTimeOffset To, string Reason);
