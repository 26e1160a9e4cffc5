using System.Threading.Channels;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Alerting;

namespace CleanroomMonitor.Service.Tests.Doubles;

/// <summary>A notifier that keeps what it is told, and whether the record store already held the change's audit entry
/// at that moment (the engine's rule: record first, then tell).</summary>
internal sealed class RecordingNotifier(InMemoryRecordStore records) : IExcursionNotifier
{
    private readonly Channel<(ExcursionChange Change, bool RecordedFirst)> _heard = Channel.CreateBounded<(ExcursionChange, bool)>(1_000);

    public string Name => "test";

    public ValueTask NotifyAsync(ExcursionChange change, CancellationToken cancellationToken) =>
        _heard.Writer.WriteAsync((change, records.Audit.Any(a => a.EntityId == change.After.Id.ToString() && a.Action == AuditAction.OfExcursion(change.Action))),
            cancellationToken);

    /// <summary>The next change told, waiting at most <paramref name="within"/> of real time for the engine's task.</summary>
    public async Task<(ExcursionChange Change, bool RecordedFirst)> NextAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(20));
        return await _heard.Reader.ReadAsync(timeout.Token);
    }

    public bool TryNext(out (ExcursionChange Change, bool RecordedFirst) heard) => _heard.Reader.TryRead(out heard);
}
