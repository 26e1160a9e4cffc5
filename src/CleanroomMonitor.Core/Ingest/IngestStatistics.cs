using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>Counts what ingest accepted and refused. Rejections are counted per reason and logged at most once per
/// reason per <see cref="IngestOptions.RejectionLogInterval"/>, with the number suppressed in between, so a
/// misbehaving device cannot flood the log while no rejection goes uncounted.</summary>
public sealed class IngestStatistics
{
    private readonly long[] _rejected = new long[Enum.GetValues<RejectionReason>().Length];
    private readonly long[] _suppressed = new long[Enum.GetValues<RejectionReason>().Length];
    private readonly DateTimeOffset[] _lastLogged = new DateTimeOffset[Enum.GetValues<RejectionReason>().Length];
    private readonly Rejection?[] _lastRejection = new Rejection?[Enum.GetValues<RejectionReason>().Length];
    private readonly Lock _logGate = new();
    private readonly Counter<long> _acceptedCounter;
    private readonly Counter<long> _rejectedCounter;
    private readonly Counter<long> _repeatCounter;
    private readonly Counter<long> _uncheckedCounter;
    private readonly IOptions<IngestOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestStatistics> _logger;
    private long _accepted;
    private long _repeats;
    private long _lateUnchecked;

    public IngestStatistics(IMeterFactory meters, IOptions<IngestOptions> options, TimeProvider time, ILogger<IngestStatistics> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        var meter = meters.Create("CleanroomMonitor.Ingest");
        _acceptedCounter = meter.CreateCounter<long>("cleanroom.readings.accepted", description: "Readings stored in the durable buffer");
        _rejectedCounter = meter.CreateCounter<long>("cleanroom.readings.rejected", description: "Messages or samples refused, by reason");
        _repeatCounter = meter.CreateCounter<long>("cleanroom.readings.repeats",
            description: "Readings received again with the same instant and content as one already accepted: not stored or judged twice");
        _uncheckedCounter = meter.CreateCounter<long>("cleanroom.readings.late_unchecked",
            description: "Late readings older than the duplicate window remembers: accepted without the same-instant check");
    }

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Readings that repeated one already accepted (same sensor, parameter, instant and content).</summary>
    public long Repeats => Interlocked.Read(ref _repeats);

    /// <summary>Late readings accepted without the same-instant check, being older than the duplicate window.</summary>
    public long LateUnchecked => Interlocked.Read(ref _lateUnchecked);

    public long RejectedTotal => Enum.GetValues<RejectionReason>().Sum(Rejected);

    public void AddAccepted(int count)
    {
        Interlocked.Add(ref _accepted, count);
        _acceptedCounter.Add(count);
    }

    public void AddRepeat()
    {
        Interlocked.Increment(ref _repeats);
        _repeatCounter.Add(1);
    }

    public void AddLateUnchecked()
    {
        Interlocked.Increment(ref _lateUnchecked);
        _uncheckedCounter.Add(1);
    }

    public void AddRejected(Rejection rejection)
    {
        var index = (int)rejection.Reason;
        Interlocked.Increment(ref _rejected[index]);
        _rejectedCounter.Add(1, new KeyValuePair<string, object?>("reason", rejection.Reason.ToString()));
        var now = _time.GetUtcNow();
        lock (_logGate)
        {
            _lastRejection[index] = rejection;
            if (now - _lastLogged[index] < _options.Value.RejectionLogInterval)
            {
                _suppressed[index]++;
                return;
            }
            _logger.Rejected(rejection.Reason, rejection.Origin, rejection.Detail, _suppressed[index]);
            _lastLogged[index] = now;
            _suppressed[index] = 0;
        }
    }

    public long Rejected(RejectionReason reason) => Interlocked.Read(ref _rejected[(int)reason]);

    /// <summary>The counts per reason with the most recent rejection of each, for the ingest status endpoint.</summary>
    public IReadOnlyList<RejectionCount> Rejections()
    {
        lock (_logGate)
        {
            return Enum.GetValues<RejectionReason>()
                .Select(r => new RejectionCount(r, Rejected(r), _lastRejection[(int)r]))
                .ToList();
        }
    }
}
