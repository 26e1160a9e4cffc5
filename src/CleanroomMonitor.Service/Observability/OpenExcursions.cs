using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Service.Observability;

/// <summary><c>cleanroom_excursions_open{room,level,active}</c>: excursions not yet closed by QA, from the record store
/// (the GMP record of truth), refreshed at each scrape of /metrics.</summary>
internal sealed class OpenExcursions
{
    private readonly IRecordStore _records;
    private IReadOnlyList<Measurement<int>> _snapshot = [];

    public OpenExcursions(IRecordStore records, IMeterFactory meters)
    {
        _records = records;
        meters.Create("CleanroomMonitor.Operations").CreateObservableGauge("cleanroom.excursions.open", () => Volatile.Read(ref _snapshot),
            "{excursion}", "Excursions not yet closed, by room, level and whether still active (not returned to normal)");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _records.InitializeAsync(cancellationToken);   // idempotent; a scrape may come before the initializer ran
        var open = await _records.OpenExcursionsAsync(cancellationToken);
        Volatile.Write(ref _snapshot, open
            .GroupBy(e => (Room: e.Room.Value, Level: e.Level.ToString(), Active: e.IsActive ? "true" : "false"))
            .Select(g => new Measurement<int>(g.Count(),
                new KeyValuePair<string, object?>("room", g.Key.Room),
                new KeyValuePair<string, object?>("level", g.Key.Level),
                new KeyValuePair<string, object?>("active", g.Key.Active)))
            .ToList());
    }
}
