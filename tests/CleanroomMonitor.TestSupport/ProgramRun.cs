using System.Diagnostics;

namespace CleanroomMonitor.TestSupport;

/// <summary>One run of a built .NET program to its end, as a user runs it from a shell (<c>dotnet X.dll args…</c>):
/// arguments, environment, working folder and standard input in; exit code, standard output and standard error out.
/// For a program that runs until stopped, see <see cref="ServerProcess"/>.</summary>
public sealed record ProgramRun(int ExitCode, string Output, string Error)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <c>dotnet <paramref name="assemblyPath"/> <paramref name="arguments"/></c> in
    /// <paramref name="workingDirectory"/>. Standard input gets <paramref name="input"/> and is then closed, so a program
    /// that would wait for a line gets end-of-file instead. Past <paramref name="timeout"/> (default 60 s) the program is
    /// killed and the wait fails with what it had written.</summary>
    public static async Task<ProgramRun> DotnetAsync(string assemblyPath, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, string? input = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start dotnet {assemblyPath}.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }
        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"dotnet {Path.GetFileName(assemblyPath)} {string.Join(' ', info.ArgumentList.Skip(1))} still running after {timeout ?? DefaultTimeout}:\n"
                + new ProgramRun(-1, await output, await error));
        }
        return new ProgramRun(process.ExitCode, await output, await error);
    }

    /// <summary>For assertion messages: the exit code and both streams.</summary>
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
