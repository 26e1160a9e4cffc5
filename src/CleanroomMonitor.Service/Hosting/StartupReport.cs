using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Hosting;

/// <summary>States at start-up which facility definition (file and version) the service runs under; takes the
/// installation's identity then, so its start time is the host's start (GET /api/about).</summary>
internal sealed class StartupReport(FacilityDefinition facility, IConfiguration configuration, InstallationIdentity identity, ILogger<StartupReport> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.InstallationStarted(identity.Version, identity.Modified switch { true => "yes", false => "no", null => "unknown" }, identity.Host, identity.InstallPath);
        logger.FacilityLoaded(facility.Site.Id, configuration["Facility:File"] ?? "?", facility.Rooms.Count, facility.Sensors.Count, facility.Version);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
