using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Simulators;

internal static partial class Log
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Simulating {Sensors} sensors of {Site} on {Host}:{Port}")]
    public static partial void Simulating(this ILogger logger, int sensors, string site, string host, int port);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Published {Count} samples")]
    public static partial void Published(this ILogger logger, long count);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Serving Modbus connection {Connection} on {Endpoint} with {Devices} devices")]
    public static partial void ServingModbus(this ILogger logger, string connection, string endpoint, int devices);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Presented {Count} Modbus readings")]
    public static partial void PresentedModbus(this ILogger logger, long count);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Information, Message = "Playing scenario {Scenario} ({Duration}) in real time, rounds: {Rounds}")]
    public static partial void PlayingScenario(this ILogger logger, string scenario, TimeSpan duration, string rounds);
}
