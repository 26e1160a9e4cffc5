using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Records;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

/// <summary>Several instances writing to one PostgreSQL records database at once (each store here stands for an
/// instance with its own writer connection): every write lands, and the audit trail stays one unbroken chain.</summary>
public sealed class PostgresSharedStoreTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private const int WritesPerInstance = 60;
    private readonly RecordStoreFixture _fixture = RecordStoreFixture.OnPostgres(postgres.Server);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task SaveAsync_ThreeInstancesAtOnce_EveryRecordStoredAndTheAuditChainUnbroken()
    {
        var instances = new[] { await _fixture.OpenAsync(), await _fixture.OpenAsync(), await _fixture.OpenAsync() };
        var excursions = instances.Select(_ => Enumerable.Range(0, WritesPerInstance).Select(i => Excursion(minutes: i)).ToList()).ToList();

        await Task.WhenAll(instances.Select((store, n) => Task.Run(async () =>
        {
            foreach (var excursion in excursions[n])
            {
                await store.SaveExcursionAsync(excursion, Audit(), CancellationToken.None);
            }
        })));

        var stored = await instances[0].OpenExcursionsAsync(CancellationToken.None);
        Assert.Equal(excursions.SelectMany(e => e).Select(e => e.Id).Order(), stored.Select(e => e.Id).Order());
        var trail = await instances[1].AuditTrailAsync(null, null, null, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, instances.Length * WritesPerInstance).Select(i => (long)i), trail.Select(r => r.Sequence));
        Assert.True((await instances[2].VerifyAuditTrailAsync(CancellationToken.None)).IsIntact);
        Assert.True((await _fixture.VerifyStoreAsync()).IsIntact);
    }
}
