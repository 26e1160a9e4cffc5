using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Hosting;

/// <summary>States at start-up which facility definition (file and version) the service runs under.</summary>
internal sealed class StartupReport(FacilityDefinition facility, IConfiguration configuration, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.FacilityLoaded(facility.Site.Id, configuration["Facility:File"] ?? "?", facility.Rooms.Count, facility.Sensors.Count, facility.Version);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
