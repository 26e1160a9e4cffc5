using CleanroomMonitor.Core.Ingest;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Core;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Rejected {Reason} from {Origin}: {Detail} ({Suppressed} more of this reason since the last report)")]
    public static partial void Rejected(this ILogger logger, RejectionReason reason, string origin, string detail, long suppressed);
}
