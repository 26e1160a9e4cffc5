using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.Service;

/// <summary>The report's log messages (EventIds 5300-5399), in the project's one <c>Log</c> class.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Information,
        Message = "Batch report for {Batch} built: clear for release {Clear}, {Excursions} excursions, {Parameters} parameters, in {Elapsed}")]
    public static partial void BatchReportBuilt(this ILogger logger, string batch, bool clear, int excursions, int parameters, TimeSpan elapsed);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "PDF of batch report {Batch} failed: {Reason}")]
    public static partial void BatchReportPdfFailed(this ILogger logger, string batch, string reason);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Information, Message = "Roll-ups: {Hours} hour(s) rolled up ({Dirty} recomputed after late readings, {Deferred} deferred) in {Elapsed}")]
    public static partial void RollupPass(this ILogger logger, int hours, int dirty, int deferred, TimeSpan elapsed);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "Roll-ups failed; reports aggregate raw points for the hours concerned until the next pass")]
    public static partial void RollupFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5305, Level = LogLevel.Information, Message = "Breach review of batch {Batch} signed by {User} ({Meaning}): {Runs} run(s)")]
    public static partial void BreachReviewSigned(this ILogger logger, string batch, string user, string meaning, int runs);

    [LoggerMessage(EventId = 5306, Level = LogLevel.Warning, Message = "Breach review of batch {Batch} by {User} refused ({Failure}): {Reason}")]
    public static partial void BreachReviewRefused(this ILogger logger, string batch, string user, BreachReviewFailure failure, string reason);
}
