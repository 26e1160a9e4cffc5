using CleanroomMonitor.Service.TrendReports;

namespace CleanroomMonitor.Service;

/// <summary>The trend report's log messages (EventIds 5360-5369, inside the report's range), in the project's one <c>Log</c> class.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5360, Level = LogLevel.Information,
        Message = "Trend report of room {Room} for {Period} built: {Excursions} excursions, {Adverse} adverse trend(s), figures {Sha256}, in {Elapsed}")]
    public static partial void TrendReportBuilt(this ILogger logger, string room, string period, int excursions, int adverse, string sha256, TimeSpan elapsed);

    [LoggerMessage(EventId = 5361, Level = LogLevel.Warning, Message = "Trend report request for room {Room} refused: {Reason}")]
    public static partial void TrendReportRefused(this ILogger logger, string room, string reason);

    [LoggerMessage(EventId = 5362, Level = LogLevel.Information, Message = "Trend report of room {Room} for {Period} reviewed by {User} ({Role}), figures {Sha256}")]
    public static partial void TrendReportReviewed(this ILogger logger, string room, string period, string user, string role, string sha256);

    [LoggerMessage(EventId = 5363, Level = LogLevel.Warning, Message = "Trend report review of room {Room} for {Period} by {User} refused ({Failure}): {Reason}")]
    public static partial void TrendReviewRefused(this ILogger logger, string room, string period, string user, string failure, string reason);

    [LoggerMessage(EventId = 5364, Level = LogLevel.Warning, Message = "PDF of the trend report of room {Room} failed: {Reason}")]
    public static partial void TrendReportPdfFailed(this ILogger logger, string room, string reason);
}
