namespace CleanroomMonitor.Service.Hosting;

/// <summary>Builds the service's web application: the one composition root that Program.cs, the integration tests
/// and the benchmarks all start, so what is tested is what runs.</summary>
public static class CleanroomMonitorApp
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="overrides">Configuration that wins over appsettings.json and the environment (tests, benchmarks).</param>
    /// <param name="configureLogging">Extra logging set-up, for example a test's log collector.</param>
    /// <exception cref="CleanroomMonitor.Core.Configuration.ConfigurationException">The facility file is invalid.</exception>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        configureLogging?.Invoke(builder.Logging);
        builder.AddCleanroomMonitor();
        var app = builder.Build();
        app.MapCleanroomMonitor();
        return app;
    }
}
