using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>What the tracker knew after one pass, frozen: room states, batches, active excursions, declared windows,
/// out-of-service periods and the limits in force. The engine publishes one after every pass that changed something,
/// so the ingest pump, the live board, the pages and the API read it from any thread without queueing work into the
/// engine. It may trail the tracker by the pass in progress, never by more.</summary>
public sealed class TrackerView
{
    private readonly IReadOnlyDictionary<RoomId, RoomStateChange> _lastChanges;
    private readonly Dictionary<SensorId, OutOfServicePeriod[]> _openOutOfService;

    public TrackerView(LimitBook limits, IReadOnlyDictionary<RoomId, RoomStateChange> lastChanges, IReadOnlyList<Batch> activeBatches,
        IReadOnlyList<Excursion> active, IReadOnlyList<RoomWindow> windows, IReadOnlyList<OutOfServicePeriod> outOfService)
    {
        Limits = limits;
        _lastChanges = lastChanges;
        ActiveBatches = activeBatches;
        Active = active;
        Windows = windows;
        OutOfService = outOfService;
        _openOutOfService = outOfService.Where(p => p.IsOpen).GroupBy(p => p.Sensor).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Before the engine has restored its state: nothing known, every room at rest.</summary>
    public static TrackerView Empty(LimitBook limits) =>
        new(limits, new Dictionary<RoomId, RoomStateChange>(), [], [], [], []);

    public LimitBook Limits { get; }

    /// <summary>The batches running now (ended ones stay in the record store, which is where readers find them).</summary>
    public IReadOnlyList<Batch> ActiveBatches { get; }

    public IReadOnlyList<Excursion> Active { get; }

    /// <summary>Every declared window known, ended ones included.</summary>
    public IReadOnlyList<RoomWindow> Windows { get; }

    /// <summary>Every out-of-service period known (open ones and those returned), oldest first.</summary>
    public IReadOnlyList<OutOfServicePeriod> OutOfService { get; }

    public bool AnyOutOfService => _openOutOfService.Count > 0;

    public RoomState CurrentState(RoomId room) => _lastChanges.TryGetValue(room, out var change) ? change.State : RoomState.AtRest;

    public RoomStateChange? LastChange(RoomId room) => _lastChanges.GetValueOrDefault(room);

    /// <summary>The numbers of the batches running in <paramref name="room"/>, in order.</summary>
    public IReadOnlyList<string> ActiveBatchesIn(RoomId room) =>
        ActiveBatches.Where(b => b.Rooms.Contains(room)).Select(b => b.Number).Order(StringComparer.Ordinal).ToList();

    /// <summary>Whether <paramref name="parameter"/> of <paramref name="sensor"/> is out of service at <paramref name="at"/>
    /// (the whole sensor or that parameter), by an open period.</summary>
    public bool IsOutOfService(SensorId sensor, Parameter parameter, DateTimeOffset at)
    {
        if (!_openOutOfService.TryGetValue(sensor, out var periods))
        {
            return false;
        }
        foreach (var period in periods)
        {
            if (period.Covers(sensor, parameter, at))
            {
                return true;
            }
        }
        return false;
    }
}
