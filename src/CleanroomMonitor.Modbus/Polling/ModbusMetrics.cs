using System.Diagnostics.Metrics;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>Counters of the Modbus poller (meter <c>CleanroomMonitor.Modbus</c>), tagged by device, plus process-wide
/// totals that tests, the status report and the benchmark read directly.</summary>
internal sealed class ModbusMetrics
{
    public const string MeterName = "CleanroomMonitor.Modbus";

    private readonly Counter<long> _polls;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _missed;
    private readonly Counter<long> _samples;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _omitted;
    private readonly Counter<long> _lost;
    private readonly Histogram<double> _period;
    private readonly Histogram<double> _duration;
    private readonly long[] _failuresByKind = new long[Enum.GetValues<ModbusErrorKind>().Length];
    private long _pollCount;
    private long _missedCount;
    private long _sampleCount;
    private long _valueCount;
    private long _lostCount;
    private long _restoredCount;

    public ModbusMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _polls = meter.CreateCounter<long>("cleanroom.modbus.polls", "{poll}", "Polls started");
        _failures = meter.CreateCounter<long>("cleanroom.modbus.poll.failures", "{poll}", "Polls that failed, by reason");
        _missed = meter.CreateCounter<long>("cleanroom.modbus.polls.missed", "{poll}", "Polls skipped because the poller was a whole interval late");
        _samples = meter.CreateCounter<long>("cleanroom.modbus.samples", "{sample}", "Samples handed to ingest");
        _duplicates = meter.CreateCounter<long>("cleanroom.modbus.records.duplicate", "{record}", "Records read again and not counted twice");
        _omitted = meter.CreateCounter<long>("cleanroom.modbus.channels.omitted", "{value}", "Channel values left out (masked invalid or 'no value')");
        _lost = meter.CreateCounter<long>("cleanroom.modbus.communication.lost", "{event}", "Communication-loss events raised");
        _period = meter.CreateHistogram<double>("cleanroom.modbus.poll.period", "ms", "Time between the starts of two polls of a device");
        _duration = meter.CreateHistogram<double>("cleanroom.modbus.poll.duration", "ms", "Time one poll of a device took");
    }

    public long Polls => Interlocked.Read(ref _pollCount);

    public long Missed => Interlocked.Read(ref _missedCount);

    public long Samples => Interlocked.Read(ref _sampleCount);

    /// <summary>Channel values in the samples handed on: the readings the poller produced.</summary>
    public long Values => Interlocked.Read(ref _valueCount);

    public long Lost => Interlocked.Read(ref _lostCount);

    public long Restored => Interlocked.Read(ref _restoredCount);

    public long Failures(ModbusErrorKind kind) => Interlocked.Read(ref _failuresByKind[(int)kind]);

    public long FailuresTotal => Enum.GetValues<ModbusErrorKind>().Sum(Failures);

    public void Poll(string device, TimeSpan? period)
    {
        Interlocked.Increment(ref _pollCount);
        var tag = Tag(device);
        _polls.Add(1, tag);
        if (period is { } p)
        {
            _period.Record(p.TotalMilliseconds, tag);
        }
    }

    public void Duration(string device, TimeSpan duration) => _duration.Record(duration.TotalMilliseconds, Tag(device));

    public void Failure(string device, ModbusErrorKind kind)
    {
        Interlocked.Increment(ref _failuresByKind[(int)kind]);
        _failures.Add(1, Tag(device), new KeyValuePair<string, object?>("reason", kind.ToString()));
    }

    public void MissedPolls(string device, int count)
    {
        Interlocked.Add(ref _missedCount, count);
        _missed.Add(count, Tag(device));
    }

    public void Sample(string device, int values)
    {
        Interlocked.Increment(ref _sampleCount);
        Interlocked.Add(ref _valueCount, values);
        _samples.Add(1, Tag(device));
    }

    public void Duplicate(string device) => _duplicates.Add(1, Tag(device));

    public void Omitted(string device, int count) => _omitted.Add(count, Tag(device));

    public void CommunicationLost(string device)
    {
        Interlocked.Increment(ref _lostCount);
        _lost.Add(1, Tag(device));
    }

    public void CommunicationRestored() => Interlocked.Increment(ref _restoredCount);

    private static KeyValuePair<string, object?> Tag(string device) => new("modbus.device", device);
}
