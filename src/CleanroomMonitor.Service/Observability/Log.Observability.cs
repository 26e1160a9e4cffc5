namespace CleanroomMonitor.Service;

/// <summary>The operations part of the service's <see cref="Log"/> (EventIds 6200-6299).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Host clock is synchronised (maximum error {MaxErrorSeconds} s, {Source})")]
    public static partial void ClockSynchronised(this ILogger logger, double maxErrorSeconds, string source);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "Host clock is NOT synchronised ({Detail}, {Source}): GMP record time stamps need a synchronised clock; check chrony or systemd-timesyncd on the host")]
    public static partial void ClockNotSynchronised(this ILogger logger, string detail, string source);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "Host clock synchronisation cannot be read: {Detail}")]
    public static partial void ClockUnknown(this ILogger logger, string detail);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Warning, Message = "Sensor {Sensor}: device time {DeviceTime:o} differs from receive time {ReceivedAt:o} by {Skew} (more than {Threshold}); readings are still accepted and marked in the metric cleanroom_readings_clock_skewed_total")]
    public static partial void SensorClockSkewed(this ILogger logger, string sensor, DateTimeOffset deviceTime, DateTimeOffset receivedAt, TimeSpan skew, TimeSpan threshold);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Information, Message = "Sensor {Sensor}: device time is again within {Threshold} of receive time (skew {Skew})")]
    public static partial void SensorClockRecovered(this ILogger logger, string sensor, TimeSpan skew, TimeSpan threshold);

    [LoggerMessage(EventId = 6206, Level = LogLevel.Information, Message = "Read {Setting} from {File}")]
    public static partial void SecretFileRead(this ILogger logger, string setting, string file);
}
