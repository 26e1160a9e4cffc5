using System.Security.Cryptography;
using System.Xml.Linq;
using CleanroomMonitor.Storage.DataProtection;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CleanroomMonitor.Storage.Tests.DataProtection;

/// <summary>The key ring in PostgreSQL as several instances use it: each "instance" here is a Data Protection stack of
/// its own (its own service provider, key ring cache and repository) over one shared database.</summary>
public sealed class PostgresXmlRepositoryTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private const string Purpose = "CleanroomMonitor.Tests.SignIn";

    private const string WaitingForAdvisoryLock = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted";

    [Fact]
    public async Task Unprotect_PayloadProtectedByAnotherInstance_ReturnsIt()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        using var first = Instance.On(database);
        using var second = Instance.On(database);
        using var elsewhere = Instance.On(await postgres.Server.CreateDatabaseAsync());

        var payload = first.Protector.Protect("operator-7 signed in");

        Assert.Equal("operator-7 signed in", second.Protector.Unprotect(payload));
        // The control: an instance with a key ring of its own cannot read it, so the shared table is what made it work.
        Assert.ThrowsAny<CryptographicException>(() => elsewhere.Protector.Unprotect(payload));
    }

    [Fact]
    public async Task CreateNewKey_ByTwoInstancesAtOnce_BothReadEveryKey()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        using var first = Instance.On(database);
        using var second = Instance.On(database);
        var start = DateTimeOffset.UtcNow;

        var created = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).KeyManager.CreateNewKey(start, start.AddDays(90)).KeyId)));

        Assert.Equal(created.Order(), first.KeyManager.GetAllKeys().Select(k => k.KeyId).Order());
        Assert.Equal(created.Order(), second.KeyManager.GetAllKeys().Select(k => k.KeyId).Order());
        Assert.Equal(10L, await PostgresProcess.ScalarAsync(database, $"SELECT count(*) FROM {PostgresXmlRepository.TableName}"));
    }

    [Fact]
    public async Task Protect_ByTwoNewInstancesAtOnce_EachUnprotectsTheOthers()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        using var first = Instance.On(database);
        using var second = Instance.On(database);

        // Both find an empty key ring and may each create a key: either key must do for both.
        var payloads = await Task.WhenAll(
            Task.Run(() => first.Protector.Protect("from the first")),
            Task.Run(() => second.Protector.Protect("from the second")));

        Assert.Equal("from the first", second.Protector.Unprotect(payloads[0]));
        Assert.Equal("from the second", first.Protector.Unprotect(payloads[1]));
        // One key, not one each: an instance that read the ring after its first two minutes would refuse a key of
        // the other's it had not seen (until its daily re-read), so the first key is made once (FirstKeyGuard).
        Assert.Equal(1L, await PostgresProcess.ScalarAsync(database, $"SELECT count(*) FROM {PostgresXmlRepository.TableName}"));
    }

    [Fact]
    public async Task GetAllElements_EmptyRingWhileAnotherInstanceMakesTheFirstKey_WaitsAndReadsThatKey()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        using var first = new PostgresXmlRepository(database, NullLogger<PostgresXmlRepository>.Instance);
        using var second = new PostgresXmlRepository(database, NullLogger<PostgresXmlRepository>.Instance);
        Assert.Empty(first.GetAllElements());   // the first instance now makes the first key

        var secondRead = Task.Run(second.GetAllElements);
        await Eventually.UntilAsync(async _ => await PostgresProcess.ScalarAsync(database, WaitingForAdvisoryLock) is 1L, TimeSpan.FromSeconds(10),
            "the second instance waiting for the first key");
        first.StoreElement(new XElement("key", new XAttribute("id", "first")), "key-1");

        var read = Assert.Single(await secondRead);
        Assert.Equal("first", read.Attribute("id")?.Value);
    }

    [Fact]
    public async Task GetAllElements_FirstKeyNeverStoredByTheOther_GoesOnAfterTheWaitLimit()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        using var first = new PostgresXmlRepository(database, NullLogger<PostgresXmlRepository>.Instance);
        using var second = new PostgresXmlRepository(database, NullLogger<PostgresXmlRepository>.Instance, TimeSpan.FromMilliseconds(200));
        Assert.Empty(first.GetAllElements());

        Assert.Empty(second.GetAllElements());
        second.StoreElement(new XElement("key", new XAttribute("id", "second")), "key-2");

        // The first instance's next read lets go of the guard it held and sees the other's key.
        Assert.Equal("second", Assert.Single(first.GetAllElements()).Attribute("id")?.Value);
        Assert.Equal(0L, await PostgresProcess.ScalarAsync(database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
    }

    [Fact]
    public async Task StoreElement_SameFriendlyNameTwice_KeepsTheFirst()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        using var repository = new PostgresXmlRepository(database, NullLogger<PostgresXmlRepository>.Instance);
        using var other = new PostgresXmlRepository(database, NullLogger<PostgresXmlRepository>.Instance);

        repository.StoreElement(new XElement("key", new XAttribute("id", "first")), "key-1");
        other.StoreElement(new XElement("key", new XAttribute("id", "second")), "key-1");

        var stored = Assert.Single(repository.GetAllElements());
        Assert.Equal("first", stored.Attribute("id")?.Value);
    }

    [Fact]
    public async Task GetAllElements_RowChangedOutsideTheService_RefusesTheKeyRingNamingTheRow()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        using var repository = new PostgresXmlRepository(database, NullLogger<PostgresXmlRepository>.Instance);
        repository.StoreElement(new XElement("key"), "key-1");
        await PostgresProcess.ExecuteAsync(database, $"UPDATE {PostgresXmlRepository.TableName} SET xml = '<key' WHERE friendly_name = 'key-1'");

        var error = Assert.Throws<InvalidDataException>(repository.GetAllElements);

        Assert.Contains("'key-1'", error.Message, StringComparison.Ordinal);
        Assert.Equal("<key", await PostgresProcess.ScalarAsync(database, $"SELECT xml FROM {PostgresXmlRepository.TableName}"));
    }

    [Fact]
    public async Task Unprotect_AfterTheServerRestarts_StillReadsTheKeyRing()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        string payload;
        using (var before = Instance.On(database))
        {
            payload = before.Protector.Protect("still signed in");
        }

        await postgres.Server.StopAsync();
        await postgres.Server.StartAgainAsync();

        using var after = Instance.On(database);
        Assert.Equal("still signed in", after.Protector.Unprotect(payload));
        Assert.Equal(1L, await PostgresProcess.ScalarAsync(database, $"SELECT count(*) FROM {PostgresXmlRepository.TableName}"));
    }



    /// <summary>One service instance's Data Protection, configured as the service does it.</summary>
    private sealed class Instance(ServiceProvider services, PostgresXmlRepository repository) : IDisposable
    {
        public IDataProtector Protector { get; } = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

        public IKeyManager KeyManager => services.GetRequiredService<IKeyManager>();

        public static Instance On(string connectionString)
        {
            var repository = new PostgresXmlRepository(connectionString, NullLogger<PostgresXmlRepository>.Instance);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddDataProtection().SetApplicationName("CleanroomMonitor");
            services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = repository);
            return new Instance(services.BuildServiceProvider(), repository);
        }

        public void Dispose()
        {
            services.Dispose();
            repository.Dispose();
        }
    }
}
