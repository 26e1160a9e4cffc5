using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Storage.Tests.Records;

/// <summary>One real PostgreSQL 15 server per test class (<c>IClassFixture</c>); each test takes a database of its own
/// through <see cref="RecordStoreFixture.OnPostgres"/>.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private PostgresProcess? _server;

    public PostgresProcess Server => _server ?? throw new InvalidOperationException("The PostgreSQL server is not started.");

    public async Task InitializeAsync() => _server = await PostgresProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
