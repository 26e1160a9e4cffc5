using CleanroomMonitor.Storage.Records;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Security;

/// <summary>Says at start-up where the running service keeps its sign-in key ring. A hosted service, so only the running
/// service says it: a command (<c>records verify</c>, <c>users add</c>) prints its result and nothing about sign-in.</summary>
internal sealed class KeyRingAnnouncement(IOptions<RecordsOptions> records, ILogger<KeyRingSetup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.KeyRingStore(KeyRingSetup.Describe(records.Value));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
