using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Service.Security;

if (CommandLineSettings.UnknownCommand(args) is { } unknown)
{
    // Without this a mistyped command ("records restore") started the service instead of saying so.
    await Console.Error.WriteLineAsync(unknown);
    return 2;
}
try
{
    var isCommand = AdminCommand.Matches(args) || RecordsCommand.Matches(args);
    var (command, settings) = isCommand ? CommandLineSettings.Split(args) : (args, args);
    // A command's standard output is its result (a token's secret, a backup's path): the host's log lines go to standard error.
    await using var app = CleanroomMonitorApp.Build(isCommand ? [.. settings, "--Logging:Console:LogToStandardErrorThreshold=Trace"] : settings);
    if (AdminCommand.Matches(command))
    {
        return await AdminCommand.RunAsync(command, app, Console.In, Console.Out, CancellationToken.None);
    }
    if (RecordsCommand.Matches(command))
    {
        return await RecordsCommand.RunAsync(command, app, Console.Out, CancellationToken.None);
    }
    await app.RunAsync();
    return 0;
}
catch (ConfigurationException ex)
{
    // Start-up refuses a bad facility file with every problem listed (file, path, value), not a stack trace.
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
