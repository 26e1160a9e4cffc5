using CleanroomMonitor.Core.Records;
using Microsoft.Extensions.Hosting;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Opens the record store at start-up, so a missing folder, a read-only disk or a damaged file stops the
/// service before it judges a single reading (an excursion with nowhere to be recorded is a GMP breach).</summary>
internal sealed class RecordStoreInitializer(IRecordStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
