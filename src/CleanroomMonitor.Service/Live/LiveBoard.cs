using System.Globalization;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Live;

/// <summary>Builds the live board: every room's grade, state, active batches, open excursions and the latest value of
/// each sensor parameter against the limits in force now. One snapshot of the whole site is built at most every
/// <see cref="Reuse"/> and shared by every open board, then cut down to what each user's tenant may see.</summary>
public sealed class LiveBoard(FacilityDefinition facility, ExcursionEngine engine, EngineView view, LatestValues latest, IRecordStore records,
    TimeProvider time) : IDisposable
{
    /// <summary>How long a snapshot is reused: twenty open boards cost one build, not twenty.</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly Dictionary<RoomId, string> _roomNames = facility.Rooms.ToDictionary(r => r.Id, r => r.Name);
    private readonly Dictionary<string, int> _fileOrder = facility.Rooms.Select((r, i) => (r.Id.Value, i)).ToDictionary(r => r.Value, r => r.i, StringComparer.Ordinal);
    private LiveSnapshot? _last;

    public void Dispose() => _building.Dispose();

    public async Task<LiveSnapshot> SnapshotAsync(TenantScope scope, CancellationToken cancellationToken)
    {
        var all = await SiteSnapshotAsync(cancellationToken);
        if (scope.IsFacilityStaff)
        {
            return all;
        }
        var rooms = all.Rooms.Where(r => scope.HasRoomNow(new RoomId(r.Id), all.At)).ToList();
        // The site's counts include what happened before the tenant's lease (another tenant's, or the empty room's):
        // a tenant's tile counts only the excursions its own excursion list shows (its batches, or its lease period).
        var tenantBatches = (await records.BatchesAsync(cancellationToken)).Where(scope.CanSee).Select(b => b.Number).ToHashSet();
        var notClosed = (await records.OpenExcursionsAsync(cancellationToken)).Where(e => e.Status != ExcursionStatus.Closed).ToList();
        var visible = notClosed.Where(e => scope.CanSee(e, tenantBatches)).ToList();
        return all with
        {
            // The banner follows the excursion list, not the rooms leased now: an excursion of the tenant's batch still
            // needs the tenant's acknowledgement after the lease has ended, and its page still shows it.
            Unacknowledged = UnacknowledgedBanner.Select(notClosed, scope, tenantBatches, _roomNames, all.At),
            Rooms = BoardOrder.Sort(rooms.Select(r =>
            {
                var open = visible.Where(e => e.Room.Value == r.Id).ToList();
                var active = open.Where(e => e.IsActive).ToList();
                return Judged(r with
                {
                    OpenExcursions = open.Count,
                    ActiveExcursions = active.Count,
                    Level = LevelName(active.Count == 0 ? LimitLevel.Normal : active.Max(e => e.Level)),
                });
            }), _fileOrder),
        };
    }

    private async Task<LiveSnapshot> SiteSnapshotAsync(CancellationToken cancellationToken)
    {
        await engine.Ready.WaitAsync(cancellationToken);
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < Reuse)
            {
                return last;
            }
            var open = (await records.OpenExcursionsAsync(cancellationToken)).Where(e => e.Status != ExcursionStatus.Closed).ToList();
            var tracker = view.Current;
            var now = time.GetUtcNow();
            var rooms = facility.Rooms.Select(room =>
            {
                var state = tracker.CurrentState(room.Id);
                var active = tracker.Active.Where(e => e.Room == room.Id).ToList();
                return Judged(new RoomTile(
                    room.Id.Value,
                    room.Name,
                    room.Grade?.ToString() ?? "unclassified",
                    StateLabel(state),
                    tracker.LastChange(room.Id)?.At,
                    tracker.ActiveBatchesIn(room.Id),
                    open.Count(e => e.Room == room.Id),
                    active.Count,
                    LevelName(active.Count == 0 ? LimitLevel.Normal : active.Max(e => e.Level)),
                    facility.SensorsIn(room.Id).SelectMany(sensor => sensor.Parameters.Select(p => Tile(tracker, sensor, p, tracker.Limits.Resolve(sensor, p, state), now))).ToList()));
            });
            _last = new LiveSnapshot(now, BoardOrder.Sort(rooms, _fileOrder)) { Unacknowledged = UnacknowledgedBanner.Select(open, _roomNames, now) };
            return _last;
        }
        finally
        {
            _building.Release();
        }
    }

    private ParameterTile Tile(TrackerView tracker, Sensor sensor, Parameter parameter, LimitSet? limits, DateTimeOffset now)
    {
        var info = parameter.Info();
        var reading = latest.Latest(sensor.Id, parameter);
        var age = reading is null ? (double?)null : Math.Max(0, (now - reading.Timestamp).TotalSeconds);
        // Out of service first: a sensor under maintenance is not monitored, whatever its last value says.
        var level = tracker.IsOutOfService(sensor.Id, parameter, now) ? "oos"
            : reading is null ? "nodata"
            : !reading.IsValid ? "fault"
            : limits is null ? "none"
            : LevelName(limits.Classify(reading.Value));
        return new ParameterTile(
            $"{sensor.Id.Value}/{info.Name}",
            sensor.Id.Value,
            info.Name,
            Label(parameter),
            Unit(parameter),
            reading?.Value,
            reading is null ? "—" : Format(parameter, reading.Value),
            level,
            LevelText(level),
            LimitText.Describe(limits),
            age is null ? null : Math.Round(age.Value),
            reading is not null && now - reading.Timestamp > sensor.GapAfter);
    }

    /// <summary>The tile with its <see cref="RoomStatus"/> worked out from its level, count and parameters.</summary>
    private static RoomTile Judged(RoomTile room) =>
        room with { Status = RoomStatus.Of(room.Level, room.OpenExcursions, room.State == StateLabel(RoomState.NotMonitored), room.Parameters) };

    public static string StateLabel(RoomState state) => state switch
    {
        RoomState.AtRest => "at rest",
        RoomState.InOperation => "in operation",
        RoomState.CleanUp => "clean-up",
        RoomState.NotMonitored => "not monitored",
        _ => state.ToString(),
    };

    public static string LevelName(LimitLevel level) => level switch
    {
        LimitLevel.Action => "action",
        LimitLevel.Alert => "alert",
        _ => "normal",
    };

    /// <summary>What the level badge says: the colour is not the only cue (WCAG 1.4.1).</summary>
    public static string LevelText(string level) => level switch
    {
        "normal" => "normal",
        "alert" => "alert",
        "action" => "action",
        "fault" => "fault",
        "nodata" => "no data",
        "oos" => "out of service",
        _ => "not judged",
    };

    public static string Unit(Parameter parameter) => parameter.Info().Unit switch
    {
        "1/m3" => "/m³",
        var unit => unit,
    };

    public static string Label(Parameter parameter) => parameter.Info() switch
    {
        { ParticleSizeMicrometres: { } size } => string.Create(CultureInfo.InvariantCulture, $"≥{size:0.0} µm"),
        var info => info.Name.Replace('_', ' '),
    };

    /// <summary>Particle concentrations as whole numbers with thin-space thousands, everything else to one decimal.</summary>
    public static string Format(Parameter parameter, double value) =>
        parameter.Info().IsParticleCount
            ? value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '\u202F')
            : value.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>What the live board shows and the stream pushes (GET /api/live/stream).</summary>
public sealed record LiveSnapshot(DateTimeOffset At, IReadOnlyList<RoomTile> Rooms)
{
    /// <summary>The excursions waiting for an acknowledgement that the user may see, newest first (the banner).</summary>
    public IReadOnlyList<BannerEntry> Unacknowledged { get; init; } = [];
}

/// <param name="Level">The worst level among the room's active excursions: normal, alert or action.</param>
public sealed record RoomTile(string Id, string Name, string Grade, string State, DateTimeOffset? Since, IReadOnlyList<string> Batches,
    int OpenExcursions, int ActiveExcursions, string Level, IReadOnlyList<ParameterTile> Parameters)
{
    /// <summary>The room's state on the board (band, word, order); worked out by <see cref="RoomStatus.Of"/>.</summary>
    public RoomStatus Status { get; init; } = new("normal", RoomStatus.NormalRank, "NORMAL", null);
}

/// <param name="Level">normal, alert, action; none (not judged), fault (the instrument flagged the sample), nodata, oos (out of service).</param>
/// <param name="LevelText">The badge's words for <paramref name="Level"/>.</param>
/// <param name="AgeSeconds">Seconds since the latest reading's own timestamp; null before the first reading.</param>
/// <param name="IsStale">The latest reading is older than the sensor's gap time.</param>
public sealed record ParameterTile(string Key, string Sensor, string Parameter, string Label, string Unit, double? Value, string Text, string Level,
    string LevelText, string Limits, double? AgeSeconds, bool IsStale);
