using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Records;

/// <summary>A filter for the excursion log; every field is optional.</summary>
public sealed record ExcursionQuery(
    RoomId? Room = null,
    SensorId? Sensor = null,
    ExcursionStatus? Status = null,
    string? Batch = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 500);
