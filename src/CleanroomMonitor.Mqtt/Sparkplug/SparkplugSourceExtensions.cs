using CleanroomMonitor.Core.Facility;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Mqtt.Sparkplug;

public static class SparkplugSourceExtensions
{
    /// <summary>Adds the Sparkplug B source when the facility maps at least one sensor to a Sparkplug metric (configured ⇒
    /// enabled): options from section <c>Sparkplug</c>, validated at start. Uses the broker of the <c>Mqtt</c> section,
    /// so register it after <c>AddMqttSource</c>: hosted services stop in reverse order and sources stop first.</summary>
    public static IServiceCollection AddSparkplugSource(this IServiceCollection services, FacilityDefinition facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        if (!facility.Sensors.Any(s => s.Source == SensorSource.Sparkplug) || services.Any(d => d.ServiceType == typeof(SparkplugSource)))
        {
            return services;
        }
        services.AddOptions<SparkplugOptions>().BindConfiguration(SparkplugOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SparkplugOptions>, SparkplugOptionsValidator>();
        services.AddSingleton<SparkplugSource>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SparkplugSource>());
        return services;
    }
}
