using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Security;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.LimitChanges;

/// <summary>Refuses to start when <see cref="FacilityFileChangeOptions.ChangedBy"/> names no account: a facility file
/// change attributed to a name nobody holds would be a record of nobody. Runs after the record store is open (it is
/// registered after it), before the engine records the limits.</summary>
internal sealed class FacilityChangeCheck(IOptions<FacilityFileChangeOptions> options, IUserStore users) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ChangedBy is not { Length: > 0 } name)
        {
            return;
        }
        if (await users.FindUserAsync(name.Trim(), cancellationToken) is null)
        {
            throw new ConfigurationException([new ConfigError("configuration", $"{FacilityFileChangeOptions.SectionName}:{nameof(FacilityFileChangeOptions.ChangedBy)}",
                name, "the user name of an existing account: the person who changed the facility file (or leave it unset; the change is then raised for QA)")]);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
