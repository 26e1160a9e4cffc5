using System.Runtime.Versioning;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.DataProtection;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Tests.Security;

/// <summary>Which key ring store the records' provider picks; the stores themselves are tested against real PostgreSQL
/// (Storage.Tests) and through the whole service (IntegrationTests.KeyRingTests).</summary>
[UnsupportedOSPlatform("windows")]   // file modes are Unix's: KeyRingSetup sets them only off Windows
public sealed class KeyRingSetupTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void Configure_PostgresRecords_KeysInTheRecordsDatabase()
    {
        var keys = Configure(new RecordsOptions { Provider = RecordsProvider.Postgres, ConnectionString = "Host=127.0.0.1;Database=records;Username=svc" });

        Assert.IsType<PostgresXmlRepository>(keys.XmlRepository);
    }

    [Fact]
    public void Configure_SqliteRecords_KeysInAnOwnerOnlyFolderBesideTheFile()
    {
        using var directory = new TempDirectory("keyring");
        var records = directory.Combine("data", "records.db");

        var keys = Configure(new RecordsOptions { Path = records });

        var folder = Assert.IsType<FileSystemXmlRepository>(keys.XmlRepository).Directory.FullName;
        Assert.Equal(directory.Combine("data", "keys"), folder);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void Configure_KeysFolderExistsOpenToOthers_NarrowedToOwnerOnly()
    {
        using var directory = new TempDirectory("keyring");
        var folder = Directory.CreateDirectory(directory.Combine("keys"), OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        Configure(new RecordsOptions { Path = directory.Combine("records.db") });

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(folder.FullName));
    }

    private static KeyManagementOptions Configure(RecordsOptions records)
    {
        var keys = new KeyManagementOptions();
        new KeyRingSetup(Options.Create(records), NullLoggerFactory.Instance).Configure(keys);
        return keys;
    }
}
