using System.Diagnostics;
using System.Text;

namespace CleanroomMonitor.TestSupport;

/// <summary>A real server process (mosquitto, influxd) started for a test: its output is kept so a
/// failing test can show it, and it is stopped (SIGTERM, then kill) on dispose.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputGate = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    public string Name => _process.StartInfo.FileName;

    /// <summary>The operating system's process id (for reading its CPU time and memory from /proc).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once it has exited (after <see cref="StopAsync"/>: how the program took the signal).</summary>
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_outputGate)
            {
                return _output.ToString();
            }
        }
    }

    public static ServerProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <paramref name="probe"/> until it answers true; fails with the server's output when
    /// the process exits or the timeout passes. Polling a readiness probe is waiting on a signal, not a sleep.</summary>
    public Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Eventually.UntilAsync(async ct =>
            {
                if (!_process.HasExited)
                {
                    return await probe(ct);
                }
                // An exited process's last lines may still be on their way through the output readers; waiting for the
                // exit waits for both streams' end, so the message carries the whole of what it said.
                await _process.WaitForExitAsync(ct);
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready:\n{Output}");
            },
            timeout, $"{Name} ready", () => Task.FromResult($"Output:\n{Output}"), cancellationToken);

    /// <summary>Stops the server the way an operator or a crash would: <paramref name="kill"/> false sends
    /// <paramref name="signal"/> (SIGTERM unless told: clean shutdown, persistence saved); true sends SIGKILL.</summary>
    public async Task StopAsync(bool kill = false, string signal = "TERM")
    {
        if (_process.HasExited)
        {
            return;
        }
        if (kill)
        {
            _process.Kill(entireProcessTree: true);
        }
        else
        {
            Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Waits for a program that ends by itself (a set-up step such as initdb) and for the end of its output.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_outputGate)
        {
            _output.AppendLine(line);
        }
    }
}
