using System.Globalization;

namespace CleanroomMonitor.Storage.Buffer;

/// <summary>An opaque place in a <see cref="DurableBuffer"/>: the end of a batch that was read, to be passed back
/// to <see cref="DurableBuffer.AcknowledgeAsync"/> once the batch is stored elsewhere.</summary>
public readonly record struct BufferPosition
{
    internal BufferPosition(long segment, long offset, long sequence)
    {
        Segment = segment;
        Offset = offset;
        Sequence = sequence;
    }

    /// <summary>The segment, named by the sequence number of its first record.</summary>
    internal long Segment { get; }

    /// <summary>The byte offset inside the segment file.</summary>
    internal long Offset { get; }

    /// <summary>The sequence number of the next record (records before it are covered by this position).</summary>
    internal long Sequence { get; }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"record {Sequence} (segment {Segment}, offset {Offset})");
}
