using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Modbus.Tests.Server;

/// <summary>A virtual serial line: <c>socat</c> joins two ptys, linked as <see cref="A"/> and <see cref="B"/> in a
/// temporary folder. The register server serves one end, the poller reads the other (docs/instruments.md §5, verified).</summary>
internal sealed class SocatPair : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("socat");
    private ServerProcess? _process;

    public string A => _directory.Combine("a");

    public string B => _directory.Combine("b");

    public static async Task<SocatPair> StartAsync(CancellationToken cancellationToken = default)
    {
        var pair = new SocatPair();
        pair._process = ServerProcess.Start("/usr/bin/socat", ["-d", "-d", $"pty,raw,echo=0,link={pair.A}", $"pty,raw,echo=0,link={pair.B}"]);
        await pair._process.WaitUntilReadyAsync(
            _ => Task.FromResult(File.Exists(pair.A) && File.Exists(pair.B) && pair._process.Output.Contains("starting data transfer loop", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), cancellationToken);
        return pair;
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
