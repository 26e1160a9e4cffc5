using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Observability;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications.Watchdog;

/// <summary>The service watched from outside (docs/reliability.md): the HTTP heartbeat to a watchdog and the retained MQTT
/// status with its will.</summary>
public static class WatchdogExtensions
{
    /// <summary>Registers the heartbeat (section <c>Notifications:Heartbeat</c>, validated at start; sends nothing without a
    /// <c>Url</c>) and the MQTT service status. Needs the excursion engine and the MQTT client registered.</summary>
    public static IServiceCollection AddServiceWatchdog(this IServiceCollection services)
    {
        services.AddOptions<HeartbeatOptions>().BindConfiguration(HeartbeatOptions.SectionName)
            .PostConfigure(ReadHeaderFiles)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HeartbeatOptions>, HeartbeatOptionsValidator>();
        // Headers may carry the watchdog's key: the factory's logging would hand their raw values to log sinks.
        services.AddHttpClient(HeartbeatSender.ClientName).RemoveAllLoggers();
        services.AddHostedService(sp => new HeartbeatSender(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptions<HeartbeatOptions>>(),
            sp.GetRequiredService<FacilityDefinition>(),
            sp.GetRequiredService<EngineView>(),
            () => HeartbeatSender.IsJudging(sp.GetRequiredService<ExcursionEngine>(), sp.GetRequiredService<TimeProvider>().GetUtcNow()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IMeterFactory>(),
            sp.GetRequiredService<ILogger<HeartbeatSender>>()));
        services.AddHostedService<ServiceStatusPublisher>();
        return services;
    }

    /// <summary>A header file's value replaces the inline header of that name; an unreadable file is left to the validator,
    /// which names it.</summary>
    private static void ReadHeaderFiles(HeartbeatOptions options)
    {
        foreach (var (header, path) in options.HeaderFiles)
        {
            if (SecretFiles.Problem(path) is null && !string.IsNullOrEmpty(path))
            {
                options.Headers[header] = File.ReadAllText(path).Trim();
            }
        }
    }
}
