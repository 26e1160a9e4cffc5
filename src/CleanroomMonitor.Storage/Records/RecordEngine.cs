using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>What the record store needs from its database engine beyond the shared SQL: the writer and reader
/// connections, the schema (created, checked and upgraded when the writer opens), the write transaction, the engine's
/// errors in the store's words, and SQLite's WAL checkpoints.</summary>
internal abstract class RecordEngine : IDisposable
{
    public abstract RecordDialect Dialect { get; }

    /// <summary>Where the records are, for log lines and messages: the file, or host:port/database (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>Opens the one writer connection and creates, checks or upgrades the schema on it.</summary>
    /// <exception cref="RecordStoreException">The database cannot be opened, is damaged, or has a newer schema.</exception>
    public abstract Task<OpenedDatabase> OpenWriterAsync(CancellationToken cancellationToken);

    /// <summary>A new writer connection after the last one was lost (a database server restarted); the schema was
    /// settled when the store opened.</summary>
    public virtual Task<DbConnection> ReconnectWriterAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"The record store {Location} lost its writer connection.");

    /// <summary>A connection for reads only; the caller disposes it.</summary>
    public abstract Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>Begins one save's transaction on the writer.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection writer, CancellationToken cancellationToken);

    /// <summary>The engine's error as the store reports it: its own words, with a refusing trigger's message intact.</summary>
    public abstract string Explain(DbException exception);

    /// <summary>Whether <see cref="CheckpointAsync"/> has work to do (SQLite's WAL; PostgreSQL checkpoints by itself).</summary>
    public virtual bool Checkpoints => false;

    /// <summary>Copies committed WAL pages into the database file.</summary>
    public virtual Task<(long WalPages, long Checkpointed)> CheckpointAsync(CancellationToken cancellationToken) =>
        Task.FromResult((0L, 0L));

    public abstract void Dispose();
}
