using System.Text.Json;

namespace CleanroomMonitor.Service.Replay;

/// <summary>POST /api/rooms/{room}/replay: the period, and the proposed limits as the facility file writes them
/// (<c>{ "rooms": { id: { parameter: limits } }, "sensors": { id: { parameter: limits } } }</c>, naming only what changes).</summary>
public sealed record ReplayRequest(DateTimeOffset? From, DateTimeOffset? To, JsonElement? Proposed);
