using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The record store in one SQLite file (<see cref="RecordDatabase"/>): WAL, synchronous FULL, readers that never
/// wait for the writer, and checkpoints off the writer's path.</summary>
internal sealed class SqliteRecordEngine(string path) : RecordEngine
{
    private readonly RecordDatabase _database = new(path);

    public override RecordDialect Dialect => RecordDialect.Sqlite;

    public override string Location => _database.Path;

    public override Task<OpenedDatabase> OpenWriterAsync(CancellationToken cancellationToken) => _database.OpenWriterAsync(cancellationToken);

    public override async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        await _database.OpenReaderAsync(cancellationToken);

    // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the write lock is taken up front, so the audit tail read inside
    // cannot go stale.
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection writer, CancellationToken cancellationToken) =>
        await writer.BeginTransactionAsync(cancellationToken);

    public override string Explain(DbException exception) => exception.Message;

    public override bool Checkpoints => true;

    public override Task<(long WalPages, long Checkpointed)> CheckpointAsync(CancellationToken cancellationToken) =>
        _database.CheckpointAsync(cancellationToken);

    public override void Dispose() => _database.ClearReaderPool();
}
