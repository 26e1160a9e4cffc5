using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Storage.Tests.Cluster;

/// <summary>One PostgreSQL server per test class; each test takes a database of its own.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private PostgresProcess? _server;

    public PostgresProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _server = await PostgresProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
