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
    private readonly Counter<long> _readTwice;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _commands;
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
    private long _readTwiceCount;
    private long _skippedCount;
    private long _commandCount;

    public ModbusMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _polls = meter.CreateCounter<long>("cleanroom.modbus.polls", "{poll}", "Polls started");
        _failures = meter.CreateCounter<long>("cleanroom.modbus.poll.failures", "{poll}", "Polls that failed, by reason");
        _missed = meter.CreateCounter<long>("cleanroom.modbus.polls.missed", "{poll}", "Polls skipped because the poller was a whole interval late");
        _samples = meter.CreateCounter<long>("cleanroom.modbus.samples", "{sample}", "Samples handed to ingest");
        _duplicates = meter.CreateCounter<long>("cleanroom.modbus.samples.unchanged", "{sample}", "Live polls whose device time had not moved: the same sample, not handed on again");
        _readTwice = meter.CreateCounter<long>("cleanroom.modbus.records.read_twice", "{record}", "Records met again while reading a buffer that shifted, never handed on twice");
        _skipped = meter.CreateCounter<long>("cleanroom.modbus.records.skipped", "{record}", "Records the device completed that were gone from its buffer before they could be read (estimated from the record spacing); each is a data-gap record");
        _commands = meter.CreateCounter<long>("cleanroom.modbus.commands", "{command}", "Commands sent to devices, by command and reason");
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

    public long RecordsReadTwice => Interlocked.Read(ref _readTwiceCount);

    public long RecordsSkipped => Interlocked.Read(ref _skippedCount);

    public long Commands => Interlocked.Read(ref _commandCount);

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

    /// <summary>Starts the device's loss counters at 0, so /metrics shows "nothing read twice, nothing skipped" rather
    /// than nothing at all until the first time.</summary>
    public void Register(string device)
    {
        var tag = Tag(device);
        _samples.Add(0, tag);
        _readTwice.Add(0, tag);
        _skipped.Add(0, tag);
    }

    public void Duplicate(string device) => _duplicates.Add(1, Tag(device));

    public void ReadTwice(string device)
    {
        Interlocked.Increment(ref _readTwiceCount);
        _readTwice.Add(1, Tag(device));
    }

    public void Skipped(string device, long records)
    {
        Interlocked.Add(ref _skippedCount, records);
        _skipped.Add(records, Tag(device));
    }

    public void Command(string device, string command, string reason)
    {
        Interlocked.Increment(ref _commandCount);
        _commands.Add(1, Tag(device), new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("reason", reason));
    }

    public void Omitted(string device, int count) => _omitted.Add(count, Tag(device));

    public void CommunicationLost(string device)
    {
        Interlocked.Increment(ref _lostCount);
        _lost.Add(1, Tag(device));
    }

    public void CommunicationRestored() => Interlocked.Increment(ref _restoredCount);

    private static KeyValuePair<string, object?> Tag(string device) => new("modbus.device", device);
}
