using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Simulators;

internal static partial class Log
{
    [LoggerMessage(EventId = 8050, Level = LogLevel.Information, Message = "Simulating {Nodes} Sparkplug edge node(s) with {Sensors} sensors of {Site}")]
    public static partial void SimulatingSparkplug(this ILogger logger, int nodes, int sensors, string site);
}
