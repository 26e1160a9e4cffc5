namespace CleanroomMonitor.Storage.Influx;

/// <summary>Held while one write of readings is on its way to InfluxDB: the hours it touches are "in flight", and
/// <see cref="RollupLedger"/> does not let an hour be rolled up while a write to it may still land.</summary>
public sealed class RollupWriteLease : IDisposable
{
    private readonly RollupLedger? _ledger;
    private readonly IReadOnlyCollection<DateTimeOffset> _hours;
    private bool _disposed;

    internal RollupWriteLease(RollupLedger? ledger, IReadOnlyCollection<DateTimeOffset> hours)
    {
        _ledger = ledger;
        _hours = hours;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _ledger?.Release(_hours);
    }
}
