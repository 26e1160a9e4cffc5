using CleanroomMonitor.Core.Qualification;

namespace CleanroomMonitor.Service;

/// <summary>OQ records' log messages (EventIds 5400-5499), in the project's one <c>Log</c> class.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "OQ run {RunId} ({Protocol} {ProtocolVersion}) stored, uploaded by {User}: passed {Passed}, {Deviations} deviation(s), report SHA-256 {Sha256}")]
    public static partial void QualificationRunStored(this ILogger logger, string runId, string protocol, string protocolVersion, string user, bool passed,
        int deviations, string sha256);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Warning, Message = "OQ {Request} of run {RunId} by {User} refused ({Failure}): {Reason}")]
    public static partial void QualificationRefused(this ILogger logger, string request, string runId, string user, QualificationFailure failure, string reason);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Information, Message = "OQ run {RunId} signed '{Meaning}' by {User} ({Role})")]
    public static partial void QualificationSigned(this ILogger logger, string runId, string meaning, string user, string role);

    [LoggerMessage(EventId = 5404, Level = LogLevel.Information, Message = "Deviation {Number} of OQ run {RunId} dispositioned by {User}{Retest}")]
    public static partial void DeviationDispositioned(this ILogger logger, string runId, string number, string user, string retest);

    [LoggerMessage(EventId = 5405, Level = LogLevel.Warning, Message = "PDF of OQ run {RunId} failed: {Reason}")]
    public static partial void QualificationPdfFailed(this ILogger logger, string runId, string reason);
}
