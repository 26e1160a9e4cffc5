using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Calibration;

/// <summary>Registration of the calibration register (docs/instruments.md "Calibration register").</summary>
public static class CalibrationServiceCollectionExtensions
{
    /// <summary>Adds the <c>Calibration</c> options (validated at start-up), the <see cref="CalibrationRegister"/> and the
    /// hosted service that judges it against the clock. Register after the excursion engine: it sends to it.</summary>
    public static IServiceCollection AddCalibrationRegister(this IServiceCollection services)
    {
        services.AddOptions<CalibrationOptions>().BindConfiguration(CalibrationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CalibrationOptions>, CalibrationOptionsValidator>());
        services.TryAddSingleton<CalibrationRegister>();
        services.TryAddSingleton<RegisterBaseline>();
        services.AddHostedService<CalibrationWatch>();
        return services;
    }
}
