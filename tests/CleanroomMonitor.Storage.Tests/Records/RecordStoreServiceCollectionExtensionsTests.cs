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
        Assert.Same(host.Services.GetRequiredService<SqliteRecordStore>(), store);
        Assert.True((await store.VerifyAuditTrailAsync(CancellationToken.None)).IsIntact);
        Assert.True(File.Exists(path));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddRecordStore_EmptyPath_FailsStartUp()
    {
        using var host = BuildHost(new() { ["Records:Path"] = "" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Path", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRecordStore_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();

        services.AddRecordStore().AddRecordStore();

        Assert.Single(services, d => d.ServiceType == typeof(IRecordStore));
        Assert.Single(services, d => d.ServiceType == typeof(SqliteRecordStore));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<RecordsOptions>));
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
