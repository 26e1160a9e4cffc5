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
    private readonly IOptions<IngestOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestStatistics> _logger;
    private long _accepted;

    public IngestStatistics(IMeterFactory meters, IOptions<IngestOptions> options, TimeProvider time, ILogger<IngestStatistics> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        var meter = meters.Create("CleanroomMonitor.Ingest");
        _acceptedCounter = meter.CreateCounter<long>("cleanroom.readings.accepted", description: "Readings stored in the durable buffer");
        _rejectedCounter = meter.CreateCounter<long>("cleanroom.readings.rejected", description: "Messages or samples refused, by reason");
    }

    public long Accepted => Interlocked.Read(ref _accepted);

    public long RejectedTotal => Enum.GetValues<RejectionReason>().Sum(Rejected);

    public void AddAccepted(int count)
    {
        Interlocked.Add(ref _accepted, count);
        _acceptedCounter.Add(count);
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
