using System.Diagnostics;
using System.Text;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>How to run the service's <c>records</c> command on the installation's host (docs/simulators.md, the OQ kit):
/// the program and the arguments before <c>records</c> (e.g. <c>dotnet /opt/cleanroom-monitor/CleanroomMonitor.Service.dll</c>),
/// with the service's configuration in <paramref name="Environment"/> or inherited (Records__Path and Facility__File).</summary>
internal sealed record RecordsCommandLine(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>"dotnet /path/CleanroomMonitor.Service.dll" → program and arguments (split on whitespace; quote nothing).</summary>
    public static RecordsCommandLine Parse(string commandLine)
    {
        var parts = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 0
            ? throw new Core.Configuration.ConfigurationException([new Core.Configuration.ConfigError("command line", "--records-command", commandLine,
                "the service's command, e.g. \"dotnet /opt/cleanroom-monitor/CleanroomMonitor.Service.dll\"")])
            : new RecordsCommandLine(parts[0], parts[1..], new Dictionary<string, string>());
    }

    /// <summary>Runs <c>records &lt;arguments&gt;</c>; returns the exit code and what it printed (standard output and error).</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments.Append("records").Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {FileName}.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var text = new StringBuilder(await output).Append(await error).ToString().Trim();
            return (process.ExitCode, text);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
