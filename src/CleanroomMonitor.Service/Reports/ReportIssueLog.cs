using CleanroomMonitor.Core.ReportIssues;

namespace CleanroomMonitor.Service;

/// <summary>The batch report issue's log messages (EventIds 5380-5389, inside the report's range), in the project's one <c>Log</c> class.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5381, Level = LogLevel.Information, Message = "Report of batch {Batch} version {Version} signed '{Meaning}' by {User} ({Role})")]
    public static partial void ReportSigned(this ILogger logger, string batch, int version, string meaning, string user, string role);

    [LoggerMessage(EventId = 5382, Level = LogLevel.Information, Message = "Report of batch {Batch} issued as version {Version}: {Length} bytes, SHA-256 {Sha256}")]
    public static partial void ReportIssued(this ILogger logger, string batch, int version, long length, string sha256);

    [LoggerMessage(EventId = 5383, Level = LogLevel.Warning, Message = "Report {Request} of batch {Batch} by {User} refused ({Failure}): {Reason}")]
    public static partial void ReportIssueRefused(this ILogger logger, string request, string batch, string user, ReportIssueFailure failure, string reason);

    [LoggerMessage(EventId = 5384, Level = LogLevel.Error, Message = "Issued report of batch {Batch} version {Version} does not match its recorded SHA-256 {Sha256}: not served")]
    public static partial void IssuedReportCorrupt(this ILogger logger, string batch, int version, string sha256);
}
