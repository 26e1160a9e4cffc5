namespace CleanroomMonitor.Service;

/// <summary>The report's log messages (EventIds 5300-5399), in the project's one <c>Log</c> class.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Information,
        Message = "Batch report for {Batch} built: clear for release {Clear}, {Excursions} excursions, {Parameters} parameters, in {Elapsed}")]
    public static partial void BatchReportBuilt(this ILogger logger, string batch, bool clear, int excursions, int parameters, TimeSpan elapsed);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "PDF of batch report {Batch} failed: {Reason}")]
    public static partial void BatchReportPdfFailed(this ILogger logger, string batch, string reason);
}
