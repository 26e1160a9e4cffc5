using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Tests.Records;

public sealed class RecordStoreServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddRecordStore_HostStarts_StoreIsInitializedAtThePath()
    {
        using var directory = new TempDirectory("records");
        var path = directory.Combine("data", "records.db");
        using var host = BuildHost(new() { ["Records:Path"] = path });

        await host.StartAsync();

        var store = host.Services.GetRequiredService<IRecordStore>();
        Assert.Same(host.Services.GetRequiredService<RecordStore>(), store);
        Assert.True((await store.VerifyAuditTrailAsync(CancellationToken.None)).IsIntact);
        Assert.True(File.Exists(path));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddRecordStore_ProviderPostgres_StoreIsInitializedInThatDatabaseAndNoFileIsWritten()
    {
        using var directory = new TempDirectory("records");
        await using var postgres = await PostgresProcess.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        using var host = BuildHost(new()
        {
            ["Records:Path"] = directory.Combine("records.db"), ["Records:Provider"] = "Postgres", ["Records:ConnectionString"] = database,
        });

        await host.StartAsync();

        var store = host.Services.GetRequiredService<RecordStore>();
        Assert.Equal("PostgreSQL", store.Engine);
        await store.AppendAuditAsync(new AuditEntry(DateTimeOffset.UtcNow, "test", "Admin", "test.entry", "test", "1", null, null, "wiring"), CancellationToken.None);
        await using (var connection = new Npgsql.NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM audit", connection);
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        Assert.True((await store.VerifyAuditTrailAsync(CancellationToken.None)).IsIntact);
        Assert.False(File.Exists(directory.Combine("records.db")));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddRecordStore_EmptyPath_FailsStartUp()
    {
        using var host = BuildHost(new() { ["Records:Path"] = "" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Path", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Postgres", null, "Records:ConnectionString = '': expected the PostgreSQL connection string, because Records:Provider is Postgres")]
    [InlineData("Postgres", "Host=127.0.0.1;Pasword=secret", "Records:ConnectionString: not a PostgreSQL connection string (")]
    [InlineData("Postgres", "Database=records", "Records:ConnectionString: not a PostgreSQL connection string (Host is missing)")]
    [InlineData("Sqlite", "Host=127.0.0.1", "Records:Provider = 'Sqlite': expected Postgres, because Records:ConnectionString is set")]
    [InlineData("Oracle", null, "Records:Provider")]
    public async Task AddRecordStore_BadProviderSettings_FailStartUpNamingThePathAndNeverThePassword(string provider, string? connectionString, string problem)
    {
        using var directory = new TempDirectory("records");
        using var host = BuildHost(new() { ["Records:Path"] = directory.Combine("records.db"), ["Records:Provider"] = provider, ["Records:ConnectionString"] = connectionString });

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.Combine("records.db")));
    }

    [Fact]
    public void AddRecordStore_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();

        services.AddRecordStore().AddRecordStore();

        Assert.Single(services, d => d.ServiceType == typeof(IRecordStore));
        Assert.Single(services, d => d.ServiceType == typeof(RecordStore));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IValidateOptions<RecordsOptions>)));   // annotations, cross-field rules
    }

    [Fact]
    public void RecordsOptions_Defaults_PathIsDataRecordsDb()
    {
        Assert.Equal("data/records.db", new RecordsOptions().Path);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddRecordStore();
        return builder.Build();
    }
}
