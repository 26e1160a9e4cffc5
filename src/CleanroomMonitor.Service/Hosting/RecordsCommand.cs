using System.Globalization;
using CleanroomMonitor.Storage.Records;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Hosting;

/// <summary>Backup and check of the GMP record store from the command line, safe while the service runs:
/// <c>records backup --to FILE</c> (SQLite's online backup API, verified, never overwrites),
/// <c>records verify FILE</c> (a SQLite file: integrity, schema version, audit hash chain) and <c>records verify</c> (the
/// configured store in place, SQLite or PostgreSQL). With <c>Records:Provider</c> Postgres there is no <c>backup</c>:
/// the database is backed up by the site's pg_dump or point-in-time recovery, and the command says so. Exit codes: 0
/// done and intact, 1 not intact or failed, 2 usage.</summary>
public static class RecordsCommand
{
    public static bool Matches(string[] args) => args is ["records", "backup" or "verify", ..];

    public static async Task<int> RunAsync(string[] args, WebApplication app, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            switch (args)
            {
                case ["records", "backup", "--to", _] when Options(app).Provider == RecordsProvider.Postgres:
                    await output.WriteLineAsync(
                        "records: Records:Provider is Postgres: this command backs up SQLite files only. Back up the PostgreSQL records database " +
                        "with the site's pg_dump or point-in-time recovery (docs/scale-out.md, \"Records in PostgreSQL\"); " +
                        "'records verify' checks the database's audit trail in place.");
                    return 2;
                case ["records", "backup", "--to", var to]:
                {
                    var source = Options(app).Path;
                    var report = await RecordBackup.BackupAsync(source, to, cancellationToken);
                    await output.WriteLineAsync(Describe("backed up " + Path.GetFullPath(source) + " to", report));
                    return 0;
                }
                case ["records", "verify"]:
                {
                    var options = Options(app);
                    var report = options.Provider == RecordsProvider.Postgres
                        ? await RecordBackup.VerifyPostgresAsync(options.ConnectionString ?? "", cancellationToken)
                        : await RecordBackup.VerifyAsync(options.Path, cancellationToken);
                    await output.WriteLineAsync(Describe(report.IsIntact ? "intact:" : "NOT INTACT:", report));
                    return report.IsIntact ? 0 : 1;
                }
                case ["records", "verify", var file]:
                {
                    var report = await RecordBackup.VerifyAsync(file, cancellationToken);
                    await output.WriteLineAsync(Describe(report.IsIntact ? "intact:" : "NOT INTACT:", report));
                    return report.IsIntact ? 0 : 1;
                }
                default:
                    await output.WriteLineAsync("usage: CleanroomMonitor.Service records backup --to FILE   (online; FILE must not exist)");
                    await output.WriteLineAsync("       CleanroomMonitor.Service records verify FILE");
                    await output.WriteLineAsync("       CleanroomMonitor.Service records verify          (the configured store, SQLite or PostgreSQL)");
                    await output.WriteLineAsync("       (the record store is Records:Path, or Records:ConnectionString with Records:Provider=Postgres)");
                    return 2;
            }
        }
        catch (RecordStoreException ex)
        {
            await output.WriteLineAsync("records: " + ex.Message);
            return 1;
        }
    }

    private static RecordsOptions Options(WebApplication app) => app.Services.GetRequiredService<IOptions<RecordsOptions>>().Value;

    private static string Describe(string what, RecordBackupReport report) => string.Create(CultureInfo.InvariantCulture,
        $"{what} {report.Path}: schema {report.SchemaVersion}, {report.AuditEntries} audit entries, {report.Excursions} excursions, {report.Batches} batches; {report.Detail}");
}
