namespace CleanroomMonitor.Service;

internal static partial class Log
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Room {Room} (grade {Grade}): {Count} readings in the last {Interval}; {Values}")]
    public static partial void RoomActivity(this ILogger logger, string room, string grade, long count, TimeSpan interval, string values);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Facility {Site} loaded from {File}: {Rooms} rooms, {Sensors} sensors, version {Version}")]
    public static partial void FacilityLoaded(this ILogger logger, string site, string file, int rooms, int sensors, string version);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Critical, Message = "Durable buffer full, ingest is holding back new readings until InfluxDB drains it: {Reason}")]
    public static partial void BufferFull(this ILogger logger, string reason);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Durable buffer accepts readings again")]
    public static partial void BufferAcceptingAgain(this ILogger logger);
}
