using System.Net;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Storage;

/// <summary>Storage log messages, EventIds 3000–3999: 3000s buffer, 3100s InfluxDB.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Durable buffer opened at {Path}: {Segments} segment(s), {PendingRecords} unacknowledged record(s) ({PendingBytes} bytes) from {Cursor}")]
    public static partial void BufferOpened(this ILogger logger, string path, int segments, long pendingRecords, long pendingBytes, BufferPosition cursor);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Durable buffer segment {Segment} ended in a torn or corrupt record (an interrupted write): cut {BytesCut} bytes after offset {ValidLength}; every complete record is kept")]
    public static partial void BufferTailTruncated(this ILogger logger, string segment, long bytesCut, long validLength);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Durable buffer cursor {CursorFile} is unreadable; delivering again from the oldest segment (InfluxDB overwrites identical points)")]
    public static partial void BufferCursorUnreadable(this ILogger logger, string cursorFile);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Durable buffer is full: {PendingBytes} unacknowledged bytes, budget {MaxBytes}; appends are refused until the consumer catches up")]
    public static partial void BufferFull(this ILogger logger, long pendingBytes, long maxBytes);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Durable buffer accepts appends again: {PendingBytes} unacknowledged bytes")]
    public static partial void BufferAcceptsAgain(this ILogger logger, long pendingBytes);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "InfluxDB forwarder started: {Url} ({ApiVersion}), batches of up to {BatchSize} every {FlushInterval}")]
    public static partial void ForwarderStarted(this ILogger logger, Uri url, InfluxApiVersion apiVersion, int batchSize, TimeSpan flushInterval);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "InfluxDB unreachable ({StatusCode}: {Error}); retrying with back-off up to {MaxDelay}, {PendingRecords} record(s) kept in the durable buffer")]
    public static partial void InfluxDown(this ILogger logger, HttpStatusCode? statusCode, string error, TimeSpan maxDelay, long pendingRecords, Exception exception);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "InfluxDB reachable again after {Outage}; {PendingRecords} record(s) to catch up")]
    public static partial void InfluxRecovered(this ILogger logger, TimeSpan outage, long pendingRecords);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "InfluxDB refuses writes ({StatusCode}: {Error}); check Influx configuration (database, credentials). Data stays in the durable buffer and is retried")]
    public static partial void InfluxRefusesWrites(this ILogger logger, HttpStatusCode? statusCode, string error);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Error, Message = "InfluxDB rejected a batch of {Records} record(s) as bad data ({StatusCode}: {Error}); the batch is quarantined in {QuarantineFile} (valid lines of it may have been stored)")]
    public static partial void InfluxBatchRejected(this ILogger logger, int records, HttpStatusCode? statusCode, string error, string quarantineFile);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "InfluxDB database {Database} ensured")]
    public static partial void InfluxDatabaseEnsured(this ILogger logger, string database);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "Could not create InfluxDB database {Database}")]
    public static partial void InfluxDatabaseNotCreated(this ILogger logger, string database, Exception exception);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "Record store {Path} opened ({Engine}, schema {SchemaVersion}): {AuditEntries} audit entries, last hash {LastHash}")]
    public static partial void RecordStoreOpened(this ILogger logger, string path, string engine, int schemaVersion, long auditEntries, string lastHash);

    [LoggerMessage(EventId = 3507, Level = LogLevel.Debug, Message = "Record store {Path} checkpointed: {Checkpointed} of {WalPages} WAL pages in the database file")]
    public static partial void RecordCheckpointed(this ILogger logger, string path, long walPages, long checkpointed);

    [LoggerMessage(EventId = 3508, Level = LogLevel.Warning, Message = "Record store {Path} checkpoint failed ({Reason}); the next one retries, the commits are safe in the WAL")]
    public static partial void RecordCheckpointFailed(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Information, Message = "Record store schema version {SchemaVersion} created in {Path}")]
    public static partial void RecordSchemaCreated(this ILogger logger, string path, int schemaVersion);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Information, Message = "Audit trail of {Path} verified: {Entries} entries, {Detail}")]
    public static partial void AuditTrailVerified(this ILogger logger, string path, long entries, string detail);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Critical, Message = "Audit trail of {Path} is broken at sequence {FirstBrokenSequence}: {Detail}. The record store was changed outside the service: raise a data-integrity deviation")]
    public static partial void AuditTrailBroken(this ILogger logger, string path, long? firstBrokenSequence, string detail);

    [LoggerMessage(EventId = 3505, Level = LogLevel.Critical, Message = "Record store {Path} had lost its append-only triggers ({Triggers}): the file was changed outside the service. They are re-created; verify the audit trail and raise a data-integrity deviation")]
    public static partial void RecordTriggersRestored(this ILogger logger, string path, string triggers);

    [LoggerMessage(EventId = 3506, Level = LogLevel.Information, Message = "Record store {Path} upgraded from schema {PreviousVersion} to {SchemaVersion}: {Steps}")]
    public static partial void RecordSchemaUpgraded(this ILogger logger, string path, int previousVersion, int schemaVersion, string steps);

    [LoggerMessage(EventId = 3509, Level = LogLevel.Information, Message = "Audit trail of {Path} checkpointed: sequence {Sequence} hash {Hash} at {At} (appended to {File})")]
    public static partial void AuditCheckpointed(this ILogger logger, string path, long sequence, string hash, DateTimeOffset at, string file);
}
