using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.Modbus;

/// <summary>A virtual RS-485 line: <c>socat</c> joins two ptys linked as <see cref="A"/> (the simulator's end) and
/// <see cref="B"/> (the service's end) in a temporary folder.</summary>
public sealed class SocatLine : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("socat");
    private ServerProcess? _process;

    public string A => _directory.Combine("a");

    public string B => _directory.Combine("b");

    public static async Task<SocatLine> StartAsync(CancellationToken cancellationToken = default)
    {
        var line = new SocatLine();
        line._process = ServerProcess.Start("/usr/bin/socat", ["-d", "-d", $"pty,raw,echo=0,link={line.A}", $"pty,raw,echo=0,link={line.B}"]);
        await line._process.WaitUntilReadyAsync(
            _ => Task.FromResult(File.Exists(line.A) && File.Exists(line.B) && line._process.Output.Contains("starting data transfer loop", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), cancellationToken);
        return line;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _directory.Dispose();
    }
}
