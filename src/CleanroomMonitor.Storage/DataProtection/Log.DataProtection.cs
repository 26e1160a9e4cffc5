using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Storage;

/// <summary>The Data Protection key ring part of the storage <see cref="Log"/> (EventIds 3950–3969).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3950, Level = LogLevel.Information, Message = "Data Protection key ring table {Table} ensured in database {Database}")]
    public static partial void DataProtectionTableEnsured(this ILogger logger, string table, string database);

    [LoggerMessage(EventId = 3951, Level = LogLevel.Information, Message = "Data Protection key {FriendlyName} was already stored (by another instance); the stored one is kept")]
    public static partial void DataProtectionKeyAlreadyStored(this ILogger logger, string friendlyName);

    [LoggerMessage(EventId = 3952, Level = LogLevel.Critical, Message = "Data Protection key ring row {Id} ({FriendlyName}) is not well-formed XML ({Reason}): it was changed outside the service; the key ring is refused until it is restored or deleted")]
    public static partial void DataProtectionKeyUnreadable(this ILogger logger, long id, string friendlyName, string reason);

    [LoggerMessage(EventId = 3953, Level = LogLevel.Warning, Message = "Data Protection key ring is empty and another instance has held the first-key guard for over {WaitLimit}; going on without it (this instance may make a key of its own, which the others read at their next daily re-read)")]
    public static partial void DataProtectionFirstKeyUnguarded(this ILogger logger, TimeSpan waitLimit);
}
