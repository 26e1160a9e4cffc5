using CleanroomMonitor.Storage.DataProtection;
using CleanroomMonitor.Storage.Records;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanroomMonitor.Service.Security;

/// <summary>
/// Where the Data Protection key ring lives (the keys that protect sign-in cookies and antiforgery tokens): in the
/// records database when the records are in PostgreSQL, so every instance reads the cookies of every other; otherwise in
/// a folder beside the SQLite records file, so one instance keeps its sign-ins across restarts (docs/scale-out.md
/// "Signing in on any instance").
/// </summary>
/// <remarks>Left to its default, ASP.NET Core keeps the keys under the account's home folder, or only in memory when there
/// is none: every restart then signs everyone out, and two instances never accept each other's cookies.</remarks>
internal sealed class KeyRingSetup(IOptions<RecordsOptions> records, ILoggerFactory loggers) : IConfigureOptions<KeyManagementOptions>
{
    /// <summary>The Data Protection application name: payloads are bound to it (rather than to the install folder, the
    /// default), so every instance of the service, wherever it is installed, shares one key ring's purpose.</summary>
    public const string ApplicationName = "CleanroomMonitor";

    /// <summary>The key ring's folder name beside the SQLite records file.</summary>
    public const string FolderName = "keys";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public void Configure(KeyManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.XmlRepository = records.Value.Provider == RecordsProvider.Postgres ? InPostgres(records.Value.ConnectionString!) : InFolder(records.Value.Path);
    }

    /// <summary>The folder holding the key ring for a SQLite records file at <paramref name="recordsPath"/>.</summary>
    public static string FolderBeside(string recordsPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(recordsPath)) ?? Path.GetFullPath("."), FolderName);

    /// <summary>Where the key ring of <paramref name="records"/> lives, in words for the log: host and database only,
    /// since the connection string may hold a password.</summary>
    public static string Describe(RecordsOptions records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Provider != RecordsProvider.Postgres)
        {
            return $"folder {FolderBeside(records.Path)} (owner-only)";
        }
        var parts = new NpgsqlConnectionStringBuilder(records.ConnectionString);
        return $"PostgreSQL table {PostgresXmlRepository.TableName} of database {parts.Database} on {parts.Host}:{parts.Port}";
    }

    private PostgresXmlRepository InPostgres(string connectionString) =>
        new(connectionString, loggers.CreateLogger<PostgresXmlRepository>());

    private FileSystemXmlRepository InFolder(string recordsPath)
    {
        var folder = FolderBeside(recordsPath);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnly);
            // Also when the folder already existed (made by hand, or by a release before this one): the keys are in
            // clear text, so only the service's account may list or read them.
            File.SetUnixFileMode(folder, OwnerOnly);
        }
        return new FileSystemXmlRepository(new DirectoryInfo(folder), loggers);
    }
}
