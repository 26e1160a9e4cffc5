using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The few statements of the record store that differ between SQLite and PostgreSQL; everything else is one
/// SQL text for both (<c>@name</c> parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>, UTC times as text).</summary>
/// <remarks>The audit trail appends inside every partial's write transaction, which hands it only the connection; taking
/// the dialect from the connection's type keeps those call sites free of engine plumbing.</remarks>
internal sealed class RecordDialect
{
    /// <summary>SQLite: <c>sqlite_sequence</c> keeps the highest AUTOINCREMENT number ever used, in the writing transaction.</summary>
    public static readonly RecordDialect Sqlite = new(
        "SQLite",
        highestAuditSequence: "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
        advanceAuditSequence: null,
        batchListContains: "EXISTS (SELECT 1 FROM json_each(excursions.batches) WHERE json_each.value = @batch)",
        beginSnapshot: static (connection, _) => Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true)));

    /// <summary>PostgreSQL: a sequence object would hand out numbers outside the transaction (a rolled-back save would
    /// leave a gap that verification reports as a cut trail), so the highest number is a row of <c>audit_sequence</c>,
    /// written in the same transaction as the entry, as SQLite does with <c>sqlite_sequence</c>.</summary>
    public static readonly RecordDialect Postgres = new(
        "PostgreSQL",
        highestAuditSequence: "SELECT seq FROM audit_sequence WHERE name = 'audit'",
        advanceAuditSequence: "INSERT INTO audit_sequence (name, seq) VALUES ('audit', @sequence) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq",
        batchListContains: "EXISTS (SELECT 1 FROM json_array_elements_text(excursions.batches::json) AS listed (value) WHERE listed.value = @batch)",
        // REPEATABLE READ: every statement of the verification sees the one snapshot taken at its first statement.
        beginSnapshot: static async (connection, cancellationToken) => await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken));

    private readonly Func<DbConnection, CancellationToken, Task<DbTransaction>> _beginSnapshot;

    private RecordDialect(string engine, string highestAuditSequence, string? advanceAuditSequence, string batchListContains,
        Func<DbConnection, CancellationToken, Task<DbTransaction>> beginSnapshot)
    {
        Engine = engine;
        HighestAuditSequence = highestAuditSequence;
        AdvanceAuditSequence = advanceAuditSequence;
        BatchListContains = batchListContains;
        _beginSnapshot = beginSnapshot;
    }

    /// <summary>The engine's name for log lines and messages.</summary>
    public string Engine { get; }

    /// <summary>The highest audit sequence ever handed out (no row or NULL: none yet).</summary>
    public string HighestAuditSequence { get; }

    /// <summary>Records <c>@sequence</c> as the highest audit sequence, in the appending transaction; null when the
    /// engine does it by itself.</summary>
    public string? AdvanceAuditSequence { get; }

    /// <summary>The filter "the excursion's JSON batch list holds <c>@batch</c>".</summary>
    public string BatchListContains { get; }

    /// <summary>A read-only transaction whose statements all see one snapshot.</summary>
    public Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        _beginSnapshot(connection, cancellationToken);

    public static RecordDialect Of(DbConnection connection) => connection is NpgsqlConnection ? Postgres : Sqlite;
}
