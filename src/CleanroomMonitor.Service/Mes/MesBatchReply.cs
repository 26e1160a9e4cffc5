using System.Text.Json.Serialization;

namespace CleanroomMonitor.Service.Mes;

/// <summary>The answer to one MES batch message, on <c>&lt;root&gt;/&lt;site&gt;/mes/batches/replies</c>:
/// <c>{"action":"start","number":"B-1","accepted":false,"error":"…","at":"…"}</c>.</summary>
internal sealed record MesBatchReply(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("number")] string? Number,
    [property: JsonPropertyName("accepted")] bool Accepted,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("at")] DateTimeOffset At);
