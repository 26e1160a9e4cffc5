using System.CommandLine;

namespace CleanroomMonitor.Simulators.CommandLine;

/// <summary>How a command line that cannot be used ends: every problem on standard error and exit code 2, as for a
/// facility or scenario file that cannot be used. System.CommandLine's own handling exits 1, which for
/// <c>scenario run</c> and <c>oq run</c> means "an expectation failed": a script must be able to tell a typing error
/// from a failed qualification.</summary>
internal static class ParseErrors
{
    public const int ExitCode = 2;

    public static async Task<int> ReportAsync(ParseResult parse, TextWriter error)
    {
        foreach (var problem in parse.Errors)
        {
            await error.WriteLineAsync(problem.Message);
        }
        await error.WriteLineAsync("(--help lists the commands and their options)");
        return ExitCode;
    }
}
