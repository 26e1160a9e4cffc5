using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage;

/// <summary>Registration of the InfluxDB storage path: durable buffer → forwarder → InfluxDB.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds the <c>Influx</c> and <c>Buffer</c> options (validated at start-up), the typed <see cref="InfluxClient"/>,
    /// the <see cref="DurableBuffer"/> singleton and the hosted service that forwards the buffer to InfluxDB through the <see cref="RollupLedger"/>.
    /// Calling it twice registers everything once.</summary>
    public static IServiceCollection AddInfluxStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.AddOptions<InfluxOptions>().BindConfiguration(InfluxOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InfluxOptions>, InfluxOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InfluxOptions>, InfluxOptionsRules>());
        services.AddOptions<DurableBufferOptions>().BindConfiguration(DurableBufferOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableBufferOptions>, DurableBufferOptionsValidator>());

        if (!services.Any(d => d.ServiceType == typeof(InfluxClient)))
        {
            services.AddHttpClient<InfluxClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)   // InfluxClient times requests on TimeProvider
                // The forwarder is a singleton and keeps its client: recycle connections here instead of via the
                // factory's handler rotation, so DNS changes are still picked up.
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                // The factory's request logging redacts header values in its message text but hands the raw values (the
                // InfluxDB token) to every log sink in its structured state; InfluxClient logs its own failures instead.
                .RemoveAllLoggers();
        }
        services.TryAddSingleton<DurableBuffer>();
        services.TryAddSingleton<RollupLedger>();
        services.AddHostedService<InfluxForwarder>();
        return services;
    }
}
