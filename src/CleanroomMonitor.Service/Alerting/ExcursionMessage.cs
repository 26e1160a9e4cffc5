using System.Text.Json;
using System.Text.Json.Serialization;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Alerting;

/// <summary>The JSON an excursion transition is published as (MQTT alert topic and webhooks): docs/excursions.md.</summary>
public sealed record ExcursionMessage(
    string Action,
    Guid Id,
    string Kind,
    string Level,
    string Status,
    string Site,
    string Room,
    string? Sensor,
    string? Parameter,
    string? Grade,
    string RoomState,
    string Rule,
    double? Value,
    double? Limit,
    double? Peak,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> Batches,
    string? LimitsVersion,
    string FacilityVersion,
    string By,
    bool FoundLate,
    bool FromHistoricalData)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static ExcursionMessage From(ExcursionChange change, string site)
    {
        var e = change.After;
        return new ExcursionMessage(change.Action, e.Id, e.Kind.ToString(), e.Level.ToString(), e.Status.ToString(), site, e.Room.Value,
            e.Sensor?.Value, e.Parameter?.WireName(), e.Grade?.ToString(), e.State.ToString(), e.Rule, e.TriggerValue, e.Limit, e.PeakValue,
            e.StartedAt, e.EndedAt, e.Batches, e.LimitsVersion, e.FacilityVersion, change.By, e.FoundLate, e.FromHistoricalData);
    }

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
