using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Batches;

/// <summary>Every batch the site has run, and the rules for starting and ending one. Pure: the caller passes the
/// time, persists what changed, and only then treats it as done.</summary>
public sealed class BatchBook(FacilityDefinition facility)
{
    /// <summary>How far ahead of the service clock a start or end time may be (a MES clock slightly ahead).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, Batch> _batches = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Batch> All => _batches.Values;

    public void Load(IEnumerable<Batch> batches)
    {
        foreach (var batch in batches)
        {
            _batches[batch.Number] = batch;
        }
    }

    public bool TryGet(string number, out Batch? batch) => _batches.TryGetValue(number, out batch);

    public (Batch? Batch, BatchProblem? Problem) Start(BatchStart request, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(request.Number) || request.Number.Length > 64)
        {
            return Invalid("number is required (1-64 characters)");
        }
        if (string.IsNullOrWhiteSpace(request.Product) || string.IsNullOrWhiteSpace(request.Tenant))
        {
            return Invalid("product and tenant are required");
        }
        if (request.Rooms is not { Count: > 0 })
        {
            return Invalid("at least one room is required");
        }
        var unknown = request.Rooms.Where(r => r is null || !facility.TryGetRoom(new RoomId(r), out _)).ToList();
        if (unknown.Count > 0)
        {
            return Invalid($"unknown room(s): {string.Join(", ", unknown)}");
        }
        ProcessType? process = request.Process switch
        {
            "open" or "open_manual" => ProcessType.OpenManual,
            "closed" or "closed_system" => ProcessType.ClosedSystem,
            _ => null,
        };
        if (process is null)
        {
            return Invalid($"process must be \"open\" or \"closed\", got '{request.Process}'");
        }
        var at = request.At ?? now;
        if (at - now > MaxFutureSkew)
        {
            return Invalid($"start {at:o} is in the future");
        }
        if (_batches.ContainsKey(request.Number))
        {
            return (null, new BatchProblem(BatchProblemKind.Conflict, $"batch {request.Number} already exists"));
        }
        var batch = new Batch(request.Number, request.Product, request.Tenant, request.Rooms.Distinct().Select(r => new RoomId(r)).ToList(),
            process.Value, at, null, request.By, null);
        _batches[batch.Number] = batch;
        return (batch, null);
    }

    public (Batch? Batch, BatchProblem? Problem) End(BatchEnd request, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(request.Number))
        {
            return Invalid("number is required");
        }
        if (!_batches.TryGetValue(request.Number, out var batch))
        {
            return (null, new BatchProblem(BatchProblemKind.NotFound, $"no batch {request.Number}"));
        }
        if (!batch.IsActive)
        {
            return (null, new BatchProblem(BatchProblemKind.Conflict, $"batch {request.Number} is not active (ended {batch.EndedAt:o})"));
        }
        var at = request.At ?? now;
        if (at < batch.StartedAt)
        {
            return Invalid($"end {at:o} is before the batch's start {batch.StartedAt:o}");
        }
        if (at - now > MaxFutureSkew)
        {
            return Invalid($"end {at:o} is in the future");
        }
        var ended = batch with { EndedAt = at, EndedBy = request.By };
        _batches[batch.Number] = ended;
        return (ended, null);
    }

    public bool AnyActiveIn(RoomId room, DateTimeOffset at) =>
        _batches.Values.Any(b => b.Rooms.Contains(room) && b.StartedAt <= at && (b.EndedAt is null || b.EndedAt > at));

    /// <summary>Numbers of the batches active in the room at any time in [from, to].</summary>
    /// <summary>True when batch <paramref name="number"/> had ended at <paramref name="at"/>.</summary>
    public bool HadEnded(string number, DateTimeOffset at) => _batches.TryGetValue(number, out var batch) && batch.EndedAt is { } ended && ended <= at;

    public IReadOnlyList<string> Overlapping(RoomId room, DateTimeOffset from, DateTimeOffset? to) =>
        _batches.Values.Where(b => b.Overlaps(room, from, to)).OrderBy(b => b.StartedAt).Select(b => b.Number).ToList();

    private static (Batch?, BatchProblem?) Invalid(string message) => (null, new BatchProblem(BatchProblemKind.Invalid, message));
}
