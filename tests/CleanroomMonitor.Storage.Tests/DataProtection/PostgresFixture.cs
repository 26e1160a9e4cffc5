using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Storage.Tests.DataProtection;

/// <summary>One real PostgreSQL server for a test class; each test takes a database of its own.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresProcess? _server;

    public PostgresProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await PostgresProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
