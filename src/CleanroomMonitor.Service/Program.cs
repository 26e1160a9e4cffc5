using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Service.Security;

try
{
    await using var app = CleanroomMonitorApp.Build(AdminCommand.Matches(args) || RecordsCommand.Matches(args) ? [] : args);
    if (AdminCommand.Matches(args))
    {
        return await AdminCommand.RunAsync(args, app, Console.In, Console.Out, CancellationToken.None);
    }
    if (RecordsCommand.Matches(args))
    {
        return await RecordsCommand.RunAsync(args, app, Console.Out, CancellationToken.None);
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
