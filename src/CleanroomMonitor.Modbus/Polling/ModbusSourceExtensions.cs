using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Modbus.Polling;

public static class ModbusSourceExtensions
{
    /// <summary>Adds the Modbus source: options from section <c>Modbus</c>, the connection file named by
    /// <c>Modbus:File</c> (read with its profiles and checked against the facility when the host starts, before anything
    /// is polled; a problem stops start-up with a <see cref="Core.Configuration.ConfigurationException"/>), and the
    /// polling hosted service. Without <c>Modbus:File</c> it polls nothing, and refuses to start if the facility has
    /// Modbus sensors. Register it after the pipeline's stages (hosted services stop in reverse order). Calling it
    /// twice registers everything once.</summary>
    public static IServiceCollection AddModbusSource(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ModbusPlan)))
        {
            return services;
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions<ModbusOptions>().BindConfiguration(ModbusOptions.SectionName);
        services.AddSingleton(sp =>
        {
            var facility = sp.GetRequiredService<FacilityDefinition>();
            var file = sp.GetRequiredService<IOptions<ModbusOptions>>().Value.File;
            return string.IsNullOrWhiteSpace(file)
                ? ModbusPlanReader.WithoutFile(facility)
                : ModbusPlanReader.Load(Path.GetFullPath(file), facility);
        });
        services.TryAddSingleton<ModbusMetrics>();
        // Disposed after every hosted service has stopped, so the last acknowledgements reach the file.
        services.TryAddSingleton(sp => new RecordCursorStore(
            sp.GetRequiredService<IOptions<ModbusOptions>>().Value.CursorFile is { Length: > 0 } path ? Path.GetFullPath(path) : null,
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<ModbusPoller>();
        return services;
    }
}
