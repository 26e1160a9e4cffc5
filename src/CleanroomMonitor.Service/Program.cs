using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Service.Hosting;

try
{
    await using var app = CleanroomMonitorApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (ConfigurationException ex)
{
    // Start-up refuses a bad facility file with every problem listed (file, path, value), not a stack trace.
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
