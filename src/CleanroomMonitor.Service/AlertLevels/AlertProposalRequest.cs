namespace CleanroomMonitor.Service.AlertLevels;

/// <summary>What GET /api/rooms/{room}/alert-proposal and the alert-levels page ask for, as typed by a person: every
/// field is checked by <see cref="AlertProposals"/> and a bad one named in the answer.</summary>
/// <param name="State">"at-rest" or "in-operation".</param>
/// <param name="From">ISO 8601 time with an offset; the period is [From, To).</param>
/// <param name="Sensor">One sensor of the room; null pools every sensor of the room measuring the parameter (they must share limits).</param>
/// <param name="Tail">The share of samples allowed to reach the level, "0.01" by default.</param>
public sealed record AlertProposalRequest(string Room, string? Parameter, string? State, string? From, string? To, string? Sensor, string? Tail);
