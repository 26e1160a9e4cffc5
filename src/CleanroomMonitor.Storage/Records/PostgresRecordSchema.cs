using System.Text.RegularExpressions;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The PostgreSQL form of <see cref="RecordSchema"/>: derived from the SQLite text at start-up, so the two
/// engines cannot drift apart (same tables, columns, indexes and trigger names and messages).</summary>
/// <remarks>
/// <para>The translation: <c>INTEGER PRIMARY KEY AUTOINCREMENT</c> becomes <c>bigint GENERATED ALWAYS AS IDENTITY</c>
/// (the audit's <c>sequence</c>, numbered by the store, a plain <c>bigint</c> key); <c>INTEGER</c> becomes <c>bigint</c>,
/// so readers keep <c>GetInt64</c>; <c>BLOB</c> becomes <c>bytea</c>; <c>TEXT</c> becomes <c>text COLLATE "C"</c>, byte
/// order as in SQLite, so UTC times compare as times and lists sort the same on both; the column <c>user</c> is quoted (a
/// reserved word). Every table gets a <c>rowid</c> identity column standing in for SQLite's implicit one (an alias of
/// the INTEGER PRIMARY KEY where there is one), which the store orders some lists by: insertion order on both engines. Each <c>RAISE(ABORT, …)</c> trigger becomes a row trigger of
/// the same name calling <c>record_refuse</c> with the same message.</para>
/// <para>Beside the tables: <c>record_schema</c>, one row holding the version (SQLite's <c>PRAGMA user_version</c>), and
/// <c>audit_sequence</c>, the highest audit number ever handed out (SQLite's <c>sqlite_sequence</c>,
/// <see cref="RecordDialect.Postgres"/>).</para>
/// </remarks>
internal static partial class PostgresRecordSchema
{
    /// <summary>The function every append-only trigger calls; the message is the trigger's argument, raised as an error
    /// (SQLSTATE P0001) that aborts the statement and its transaction, as SQLite's RAISE(ABORT) does.</summary>
    private const string RefuseFunction = """
        CREATE OR REPLACE FUNCTION record_refuse() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            RAISE EXCEPTION '%', TG_ARGV[0];
        END
        $body$;
        """;

    private const string Bookkeeping = """
        CREATE TABLE IF NOT EXISTS record_schema (
            id integer PRIMARY KEY CHECK (id = 1),
            version integer NOT NULL
        );
        CREATE TABLE IF NOT EXISTS audit_sequence (
            name text PRIMARY KEY,
            seq bigint NOT NULL
        );
        """;

    /// <summary>Every statement, idempotent: run again on each start, it re-creates a dropped trigger and changes nothing else.</summary>
    public static readonly string Create = RefuseFunction + "\n" + Bookkeeping + "\n" + Translate(RecordSchema.Create);

    internal static string Translate(string sqlite)
    {
        var text = TableRegex().Replace(sqlite, table =>
        {
            var name = table.Groups["name"].Value;
            var body = table.Groups["body"].Value;
            body = "\n    rowid bigint GENERATED ALWAYS AS IDENTITY," + body;
            body = AutoIncrementRegex().Replace(body, key => name == "audit"
                ? $"{key.Groups["column"].Value} bigint PRIMARY KEY"
                : $"{key.Groups["column"].Value} bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
            body = UserColumnRegex().Replace(body, "$1\"user\" ");
            body = body.Replace(" INTEGER ", " bigint ", StringComparison.Ordinal)
                .Replace(" TEXT ", " text COLLATE \"C\" ", StringComparison.Ordinal)
                .Replace(" BLOB ", " bytea ", StringComparison.Ordinal);
            return $"CREATE TABLE IF NOT EXISTS {name} ({body});";
        });
        return TriggerRegex().Replace(text, trigger =>
        {
            var when = trigger.Groups["when"].Success ? $" WHEN ({trigger.Groups["when"].Value})" : "";
            var message = trigger.Groups["message"].Value;
            return $"CREATE OR REPLACE TRIGGER {trigger.Groups["name"].Value} BEFORE {trigger.Groups["event"].Value} ON {trigger.Groups["table"].Value} " +
                   $"FOR EACH ROW{when} EXECUTE FUNCTION record_refuse('{message}');";
        });
    }

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS (?<name>\w+) \((?<body>.*?)\n\s*\);", RegexOptions.Singleline)]
    private static partial Regex TableRegex();

    [GeneratedRegex(@"(?<column>\w+) INTEGER PRIMARY KEY AUTOINCREMENT")]
    private static partial Regex AutoIncrementRegex();

    [GeneratedRegex(@"(\n\s+)user ")]
    private static partial Regex UserColumnRegex();

    [GeneratedRegex(@"CREATE TRIGGER IF NOT EXISTS (?<name>\w+) BEFORE (?<event>UPDATE|DELETE) ON (?<table>\w+)(?: WHEN (?<when>[^\n]+?))?\s+BEGIN SELECT RAISE\(ABORT, '(?<message>[^']*)'\); END;")]
    private static partial Regex TriggerRegex();
}
