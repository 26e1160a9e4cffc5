using System.Buffers;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Buffer;

/// <summary>
/// The disk store between ingest and InfluxDB that makes "an accepted reading is never lost" true: a record is
/// accepted once <see cref="AppendAsync"/> returns, because by then it is fsynced. Records are opaque byte payloads
/// kept in append-only segment files; one consumer reads them in order and acknowledges what it has stored elsewhere.
/// </summary>
/// <remarks>
/// <para>Appends may come from any thread; they are serialised (one group commit at a time). Reading and
/// acknowledging belong to a single consumer: <see cref="ReadAsync"/>, <see cref="TryRead"/>,
/// <see cref="WaitForDataAsync"/> and <see cref="AcknowledgeAsync"/> must not be called concurrently with each other.</para>
/// <para>Delivery is at-least-once: after a restart the consumer gets every record after the last acknowledged
/// position again, including records it had read but not acknowledged. For InfluxDB this is harmless, because a
/// point with the same measurement, tag set and timestamp overwrites the earlier one.</para>
/// </remarks>
public sealed class DurableBuffer : IDisposable
{
    private readonly DurableBufferOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DurableBuffer> _logger;
    private readonly string _directory;
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private readonly Lock _gate = new();
    private readonly SortedList<long, long> _segmentLengths = [];   // segment → committed length
    private readonly Counter<long> _appended;
    private readonly Counter<long> _refused;
    private readonly SegmentReader _reader;
    private FileStream _active;
    private BufferPosition _end;     // just after the last durable record
    private BufferPosition _read;    // the next record the consumer gets
    private BufferPosition _acked;   // the persisted cursor
    private long _diskBytes;
    private DateTimeOffset? _oldestPendingAppendedAt;
    private TaskCompletionSource _appendSignal = NewSignal();
    private bool _isFull;
    private bool _disposed;

    public DurableBuffer(IOptions<DurableBufferOptions> options, TimeProvider timeProvider, IMeterFactory meterFactory, ILogger<DurableBuffer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _directory = System.IO.Path.GetFullPath(_options.Path);
        _reader = new SegmentReader(_directory);
        _active = Open();

        var meter = meterFactory.Create(StorageMeter.Name);
        meter.CreateObservableGauge("cleanroom.buffer.depth", () => PendingRecords, "{record}", "Records appended and not yet acknowledged.");
        meter.CreateObservableGauge("cleanroom.buffer.bytes", () => PendingBytes, "By", "Bytes (frames included) appended and not yet acknowledged.");
        meter.CreateObservableGauge("cleanroom.buffer.oldest_age", () => OldestPendingAge.TotalSeconds, "s", "Age of the oldest unacknowledged record.");
        _appended = meter.CreateCounter<long>("cleanroom.buffer.appended", "{record}", "Records made durable.");
        _refused = meter.CreateCounter<long>("cleanroom.buffer.refused", "{record}", "Records refused because the disk budget was reached.");
    }

    /// <summary>The folder holding the segments, as an absolute path.</summary>
    public string FolderPath => _directory;

    /// <summary>Records appended and not yet acknowledged.</summary>
    public long PendingRecords
    {
        get
        {
            lock (_gate)
            {
                return _end.Sequence - _acked.Sequence;
            }
        }
    }

    /// <summary>Bytes on disk (frames included) appended and not yet acknowledged; the figure the budget applies to.</summary>
    public long PendingBytes
    {
        get
        {
            lock (_gate)
            {
                return _diskBytes - _acked.Offset;
            }
        }
    }

    /// <summary>When the oldest unacknowledged record was appended; null when everything is acknowledged.</summary>
    public DateTimeOffset? OldestPendingAppendedAt
    {
        get
        {
            lock (_gate)
            {
                return _oldestPendingAppendedAt;
            }
        }
    }

    /// <summary>How long the oldest unacknowledged record has waited; zero when everything is acknowledged.</summary>
    public TimeSpan OldestPendingAge =>
        OldestPendingAppendedAt is { } appendedAt ? TimeSpan.FromTicks(Math.Max(0, (_timeProvider.GetUtcNow() - appendedAt).Ticks)) : TimeSpan.Zero;

    /// <summary>Stores <paramref name="records"/> in order and returns once all of them are on disk (one fsync for the
    /// whole list: group commit). All or nothing against the budget: <see cref="BufferFullException"/> means none was stored.</summary>
    /// <remarks>If an I/O error interrupts an append, a prefix of the list may already be stored; appending the list
    /// again is safe because InfluxDB overwrites identical points.</remarks>
    /// <exception cref="ArgumentException">A record is empty or larger than a segment.</exception>
    /// <exception cref="BufferFullException">The disk budget would be exceeded.</exception>
    public async Task AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        long bytes = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var frameSize = RecordFrame.SizeOf(records[i].Length);
            if (records[i].IsEmpty || frameSize > _options.SegmentSize)
            {
                throw new ArgumentException($"Record {i} has {records[i].Length} bytes; a record must have 1 to {_options.SegmentSize - RecordFrame.HeaderSize} bytes.", nameof(records));
            }
            bytes += frameSize;
        }
        if (records.Count == 0)
        {
            return;
        }

        await _appendGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfOverBudget(records.Count, bytes);
            WriteDurably(records, _timeProvider.GetUtcNow());
        }
        finally
        {
            _appendGate.Release();
        }
    }

    /// <summary>Returns once there is at least one unread record (at once if there is one already).</summary>
    public Task WaitForDataAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _read.Sequence < _end.Sequence ? Task.CompletedTask : _appendSignal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Waits for data (without polling: appends signal the reader), then reads up to <paramref name="maxRecords"/> records.</summary>
    public async Task<BufferBatch> ReadAsync(int maxRecords, CancellationToken cancellationToken)
    {
        while (true)
        {
            await WaitForDataAsync(cancellationToken);
            if (TryRead(maxRecords, out var batch))
            {
                return batch;
            }
        }
    }

    /// <summary>Reads up to <paramref name="maxRecords"/> unread records without waiting; false when there are none.</summary>
    /// <exception cref="InvalidDataException">A stored record fails its CRC check (disk corruption): it is never skipped silently.</exception>
    public bool TryRead(int maxRecords, out BufferBatch batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        BufferPosition end;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            end = _end;
        }
        var records = new List<ReadOnlyMemory<byte>>(Math.Min(maxRecords, 1024));
        var position = _read;
        while (records.Count < maxRecords && position.Sequence < end.Sequence)
        {
            var segmentEnd = position.Segment == end.Segment ? end.Offset : SegmentLength(position.Segment);
            position = position.Offset < segmentEnd
                ? _reader.Read(position, segmentEnd, maxRecords, records)
                : new BufferPosition(NextSegment(position.Segment), 0, position.Sequence);
        }
        _read = position;
        batch = new BufferBatch(records, position);
        return records.Count > 0;
    }

    /// <summary>Marks everything up to <paramref name="position"/> as stored: persists the cursor durably and deletes
    /// segments that are fully acknowledged. Records after it are delivered again after a restart.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is before the last acknowledged one or after what was read.</exception>
    public async Task AcknowledgeAsync(BufferPosition position, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (position.Sequence < _acked.Sequence || position.Sequence > _read.Sequence)
            {
                throw new ArgumentOutOfRangeException(nameof(position), position, $"Acknowledge a position between {_acked} and {_read}.");
            }
            // At the end of a closed segment, the same place is the start of the next one: moving there lets the
            // closed segment be deleted now rather than at the next acknowledgement.
            if (position.Segment != _end.Segment && position.Offset >= _segmentLengths[position.Segment])
            {
                position = new BufferPosition(NextSegment(position.Segment), 0, position.Sequence);
            }
        }
        await CursorFile.WriteAsync(_directory, position, cancellationToken);
        lock (_gate)
        {
            _acked = position;
            while (_segmentLengths.Count > 0 && _segmentLengths.Keys[0] < position.Segment)
            {
                File.Delete(SegmentFile.PathOf(_directory, _segmentLengths.Keys[0]));
                _diskBytes -= _segmentLengths.Values[0];
                _segmentLengths.RemoveAt(0);
            }
            _oldestPendingAppendedAt = _acked.Sequence < _end.Sequence ? SegmentReader.ReadAppendedAt(_directory, _acked) : null;
            if (_isFull && _diskBytes - _acked.Offset < _options.MaxBytes)
            {
                _isFull = false;
                _logger.BufferAcceptsAgain(_diskBytes - _acked.Offset);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _appendSignal.TrySetException(new ObjectDisposedException(nameof(DurableBuffer)));
        }
        _active.Dispose();
        _reader.Dispose();
        _appendGate.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void ThrowIfOverBudget(int count, long bytes)
    {
        lock (_gate)
        {
            var pending = _diskBytes - _acked.Offset;
            if (pending + bytes <= _options.MaxBytes)
            {
                return;
            }
            _refused.Add(count);
            if (!_isFull)
            {
                _isFull = true;
                _logger.BufferFull(pending, _options.MaxBytes);
            }
            throw new BufferFullException(
                $"The durable buffer at '{_directory}' holds {pending} unacknowledged bytes; {count} record(s) of {bytes} bytes would exceed the budget of {_options.MaxBytes} bytes (Buffer:MaxBytes).");
        }
    }

    /// <summary>Frames the records into one buffer per segment, writes, fsyncs and only then publishes them.</summary>
    private void WriteDurably(IReadOnlyList<ReadOnlyMemory<byte>> records, DateTimeOffset now)
    {
        var appendedAt = now.ToUnixTimeMilliseconds();
        var length = _end.Offset;
        var sequence = _end.Sequence;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(_options.SegmentSize, 1024 * 1024));
        var used = 0;
        var count = 0;
        try
        {
            foreach (var record in records)
            {
                var frameSize = RecordFrame.SizeOf(record.Length);
                if (length + used + frameSize > _options.SegmentSize && length + used > 0)
                {
                    Commit(buffer, ref used, ref length, ref count, sequence, now);
                    Rotate(sequence);
                    length = 0;
                }
                if (used + frameSize > buffer.Length)
                {
                    _active.Write(buffer, 0, used);   // keep the rented buffer small; fsync happens once in Commit
                    length += used;
                    used = 0;
                    if (frameSize > buffer.Length)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(frameSize);
                    }
                }
                RecordFrame.Write(buffer.AsSpan(used), record.Span, appendedAt);
                used += frameSize;
                sequence++;
                count++;
            }
            Commit(buffer, ref used, ref length, ref count, sequence, now);
        }
        catch (IOException)
        {
            // Cut what this append wrote beyond the last commit, so a half-written frame can never follow
            // frames appended later (recovery would otherwise stop at it and cut those too).
            _active.SetLength(_end.Offset);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Commit(byte[] buffer, ref int used, ref long length, ref int count, long sequence, DateTimeOffset now)
    {
        if (used == 0 && length == _end.Offset)
        {
            return;
        }
        _active.Write(buffer, 0, used);
        _active.Flush(flushToDisk: true);
        length += used;
        used = 0;
        lock (_gate)
        {
            _diskBytes += length - _end.Offset;
            _end = new BufferPosition(_end.Segment, length, sequence);
            _segmentLengths[_end.Segment] = length;
            _oldestPendingAppendedAt ??= now;
            var signal = _appendSignal;
            _appendSignal = NewSignal();
            signal.TrySetResult();
        }
        _appended.Add(count);
        count = 0;
    }

    /// <summary>Closes the active segment (already fsynced) and starts the next one, named after its first record.</summary>
    private void Rotate(long sequence)
    {
        var next = CreateSegment(sequence);   // first, so a failure here leaves the old (full) segment usable
        _active.Dispose();
        _active = next;
        lock (_gate)
        {
            _segmentLengths[sequence] = 0;
            _end = new BufferPosition(sequence, 0, sequence);
        }
    }

    private FileStream CreateSegment(long segment)
    {
        var stream = new FileStream(SegmentFile.PathOf(_directory, segment), FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        DirectorySync.Flush(_directory);
        return stream;
    }

    private FileStream OpenSegmentForAppend(long segment)
    {
        // FileMode.Open and a seek rather than FileMode.Append: Append forbids truncating below the opening length.
        var stream = new FileStream(SegmentFile.PathOf(_directory, segment), FileMode.Open, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    private long SegmentLength(long segment)
    {
        lock (_gate)
        {
            return _segmentLengths[segment];
        }
    }

    private long NextSegment(long segment)
    {
        lock (_gate)
        {
            var index = _segmentLengths.IndexOfKey(segment);
            return _segmentLengths.Keys[index + 1];
        }
    }

    /// <summary>Recovery: drop leftovers of an interrupted acknowledgement, cut a torn tail off the last segment
    /// (only the last one can have one: earlier segments were fsynced before the next was created), and resume
    /// the consumer at the persisted cursor.</summary>
    private FileStream Open()
    {
        System.IO.Directory.CreateDirectory(_directory);
        File.Delete(System.IO.Path.Combine(_directory, CursorFile.TemporaryFileName));
        var segments = SegmentFile.List(_directory);
        var cursor = CursorFile.Read(_directory, out var isCorrupt);
        if (isCorrupt)
        {
            _logger.BufferCursorUnreadable(System.IO.Path.Combine(_directory, CursorFile.FileName));
        }
        cursor ??= segments.Count > 0 ? new BufferPosition(segments[0], 0, segments[0]) : new BufferPosition(0, 0, 0);

        foreach (var consumed in segments.Where(s => s < cursor.Value.Segment).ToList())
        {
            File.Delete(SegmentFile.PathOf(_directory, consumed));   // acknowledged, but the deletion was interrupted
            segments.Remove(consumed);
        }
        FileStream active;
        long records = 0;
        if (segments.Count == 0)
        {
            cursor = new BufferPosition(cursor.Value.Sequence, 0, cursor.Value.Sequence);
            active = CreateSegment(cursor.Value.Segment);
            segments.Add(cursor.Value.Segment);
        }
        else if (segments[0] != cursor.Value.Segment)
        {
            throw new InvalidDataException($"The durable buffer cursor names segment {cursor.Value.Segment}, which is missing from '{_directory}'.");
        }
        else
        {
            active = RecoverLastSegment(segments[^1], out records);
        }

        foreach (var segment in segments)
        {
            var length = segment == segments[^1] ? active.Length : new FileInfo(SegmentFile.PathOf(_directory, segment)).Length;
            _segmentLengths[segment] = length;
            _diskBytes += length;
        }
        _end = new BufferPosition(segments[^1], active.Length, segments[^1] + records);
        if (cursor.Value.Sequence > _end.Sequence || (cursor.Value.Segment == _end.Segment && cursor.Value.Offset > _end.Offset))
        {
            throw new InvalidDataException($"The durable buffer cursor ({cursor}) is beyond the stored records ({_end}) in '{_directory}'.");
        }
        _acked = _read = cursor.Value;
        _oldestPendingAppendedAt = _acked.Sequence < _end.Sequence ? SegmentReader.ReadAppendedAt(_directory, _acked) : null;
        _logger.BufferOpened(_directory, segments.Count, _end.Sequence - _acked.Sequence, _diskBytes - _acked.Offset, _acked);
        return active;
    }

    private FileStream RecoverLastSegment(long segment, out long records)
    {
        var path = SegmentFile.PathOf(_directory, segment);
        (var validLength, records) = SegmentFile.Scan(path);
        var active = OpenSegmentForAppend(segment);
        if (active.Length > validLength)
        {
            var cut = active.Length - validLength;
            active.SetLength(validLength);
            active.Flush(flushToDisk: true);
            _logger.BufferTailTruncated(path, cut, validLength);
        }
        return active;
    }
}
