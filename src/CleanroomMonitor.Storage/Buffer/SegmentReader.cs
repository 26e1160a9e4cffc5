using Microsoft.Win32.SafeHandles;

namespace CleanroomMonitor.Storage.Buffer;

/// <summary>The consumer's reading of frames from segment files. It keeps the current segment open, and reads in
/// chunks sized to the request: records are slices of one array rather than one allocation each.</summary>
internal sealed class SegmentReader(string directory) : IDisposable
{
    private const int MinChunk = 4 * 1024;
    // Below the large-object threshold (85,000 bytes): chunks die young in gen0. At 1 MB they went to the large-object
    // heap, which is only swept by full collections, and the service's heap grew by tens of MB under load.
    private const int MaxChunk = 64 * 1024;

    private SafeFileHandle? _handle;
    private long _segment = -1;

    /// <summary>Reads frames from <paramref name="position"/> up to <paramref name="segmentEnd"/> (committed bytes of
    /// that segment) until <paramref name="records"/> holds <paramref name="maxRecords"/>; returns the position after them.</summary>
    /// <exception cref="InvalidDataException">A frame fails its CRC check.</exception>
    public BufferPosition Read(BufferPosition position, long segmentEnd, int maxRecords, List<ReadOnlyMemory<byte>> records)
    {
        var handle = Handle(position.Segment);
        var available = segmentEnd - position.Offset;
        var chunk = new byte[(int)Math.Min(available, Math.Clamp((long)(maxRecords - records.Count) * 256, MinChunk, MaxChunk))];
        SegmentFile.ReadExactly(handle, chunk, position.Offset);
        var offset = 0;
        var sequence = position.Sequence;
        while (records.Count < maxRecords && offset + RecordFrame.HeaderSize <= chunk.Length)
        {
            var frameSize = RecordFrame.SizeOf(RecordFrame.PayloadLength(chunk.AsSpan(offset)));
            if (offset + frameSize > chunk.Length)
            {
                if (offset > 0)
                {
                    break;   // the next chunk starts with this frame
                }
                if (frameSize > available)
                {
                    throw Corrupt(position);
                }
                chunk = new byte[frameSize];   // a frame larger than the chunk: read exactly it
                SegmentFile.ReadExactly(handle, chunk, position.Offset);
            }
            if (!RecordFrame.IsValid(chunk.AsSpan(offset, frameSize)))
            {
                throw Corrupt(new BufferPosition(position.Segment, position.Offset + offset, sequence));
            }
            records.Add(chunk.AsMemory(offset + RecordFrame.HeaderSize, frameSize - RecordFrame.HeaderSize));
            offset += frameSize;
            sequence++;
        }
        return new BufferPosition(position.Segment, position.Offset + offset, sequence);
    }

    /// <summary>When the record at <paramref name="position"/> was appended (from its frame header).</summary>
    public static DateTimeOffset ReadAppendedAt(string directory, BufferPosition position)
    {
        Span<byte> header = stackalloc byte[RecordFrame.HeaderSize];
        using var handle = File.OpenHandle(SegmentFile.PathOf(directory, position.Segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        SegmentFile.ReadExactly(handle, header, position.Offset);
        return DateTimeOffset.FromUnixTimeMilliseconds(RecordFrame.AppendedAtUnixMs(header));
    }

    public void Dispose() => _handle?.Dispose();

    private InvalidDataException Corrupt(BufferPosition position) =>
        new($"Durable buffer record at {position} in '{SegmentFile.PathOf(directory, position.Segment)}' fails its CRC check. " +
            "The file was damaged after it was written; it is not skipped, so that no record is lost unnoticed.");

    private SafeFileHandle Handle(long segment)
    {
        if (_segment != segment || _handle is null)
        {
            _handle?.Dispose();
            _handle = File.OpenHandle(SegmentFile.PathOf(directory, segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _segment = segment;
        }
        return _handle;
    }
}
