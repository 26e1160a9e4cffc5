using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Observability;

/// <summary>Operations: secrets from files, the Prometheus endpoint, the host clock check, device clock skew and
/// alert latency.</summary>
public static class ObservabilityExtensions
{
    public static IServiceCollection AddCleanroomObservability(this IServiceCollection services)
    {
        services.PostConfigure<MqttClientOptions>(SecretFiles.Apply);
        services.PostConfigure<InfluxOptions>(SecretFiles.Apply);
        services.AddSingleton<IValidateOptions<MqttClientOptions>, MqttSecretFileValidator>();
        services.AddSingleton<IValidateOptions<InfluxOptions>, InfluxSecretFileValidator>();

        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<OpenExcursions>();
        services.AddSingleton<AlertLatency>();
        services.AddSingleton<ProcessMetrics>();
        services.AddSingleton<ClockSkewWatch>();
        services.AddSingleton<ClockMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ClockMonitor>());
        services.AddHealthChecks().AddCheck<ClockMonitor>("clock", tags: ["ready"]);
        return services;
    }

    /// <summary>Maps /metrics when enabled, and creates the exporter now, before the host starts, so it sees every
    /// measurement from the first.</summary>
    public static WebApplication MapCleanroomObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<PrometheusExporter>();
        app.Services.GetRequiredService<ProcessMetrics>();
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.MapMetrics();
        }
        return app;
    }
}
