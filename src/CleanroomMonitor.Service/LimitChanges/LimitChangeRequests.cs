using System.Text.Json;

namespace CleanroomMonitor.Service.LimitChanges;

/// <summary>A proposal: the room (and sensor, for a sensor's own limits), the parameter by its facility-file name, the new
/// limits of that level in the facility file's shape, the reason and when it should take effect.</summary>
public sealed record LimitChangeProposal(string? Room, string? Sensor, string? Parameter, JsonElement? Limits, string? Reason, DateTimeOffset? EffectiveAt);

/// <summary>An approval, rejection or withdrawal: the reason (required for rejection and withdrawal) and the signature's
/// components (the user id on the session's first signature, the password always).</summary>
public sealed record LimitChangeSignRequest(string? Reason, string? UserName, string? Password);

/// <summary>Evidence for a change: its kind ("replay", "alert-proposal") and any JSON value.</summary>
public sealed record LimitChangeEvidenceRequest(string? Kind, JsonElement? Json);

/// <summary>A replay of a stored period as evidence for a change: its start and end (ISO 8601 with an offset).</summary>
public sealed record LimitChangeReplayRequest(DateTimeOffset? From, DateTimeOffset? To);
