using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Mqtt.Subscribing;

public static class MqttSourceExtensions
{
    /// <summary>Adds the MQTT source: options from section <c>Mqtt</c> (validated at start), one MQTT client,
    /// the subscribing hosted service and a readiness check tagged <c>ready</c>. Register it after the pipeline's
    /// stages: hosted services stop in reverse order, and the source must stop first.</summary>
    public static IServiceCollection AddMqttSource(this IServiceCollection services)
    {
        services.AddOptions<MqttClientOptions>()
            .BindConfiguration("Mqtt")
            .PostConfigure<FacilityDefinition>((options, facility) =>
            {
                options.ClientId ??= $"cleanroom-monitor-{facility.Site.Id}";
                options.AcknowledgeAfterHandling = true;   // at least once end to end: PUBACK after the durable commit
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttClientOptions>, MqttClientOptionsValidator>();
        services.AddSingleton(sp => new MqttClient(
            sp.GetRequiredService<IOptions<MqttClientOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MqttClient>>(),
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddHostedService<MqttSource>();
        services.AddHealthChecks().AddCheck<MqttHealthCheck>("mqtt", tags: ["ready"]);
        return services;
    }
}
