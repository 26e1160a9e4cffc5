using Xunit;

namespace CleanroomMonitor.TestSupport;

/// <summary>One real PostgreSQL server per test class (<c>IClassFixture&lt;PostgresServerFixture&gt;</c>): starting a
/// cluster costs a second or two, so the class shares it and each test takes a database of its own
/// (<see cref="PostgresProcess.CreateDatabaseAsync"/>).</summary>
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
