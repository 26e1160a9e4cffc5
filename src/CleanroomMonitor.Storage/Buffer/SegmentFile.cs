using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace CleanroomMonitor.Storage.Buffer;

/// <summary>Naming and scanning of segment files. A segment is named after the sequence number of its first
/// record (20 digits, so names sort in order), which lets positions carry a record count without an index.</summary>
internal static class SegmentFile
{
    public const string Extension = ".seg";

    public static string PathOf(string directory, long segment) =>
        System.IO.Path.Combine(directory, segment.ToString("D20", CultureInfo.InvariantCulture) + Extension);

    /// <summary>The segments in <paramref name="directory"/>, oldest first.</summary>
    public static List<long> List(string directory)
    {
        var segments = new List<long>();
        foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            if (long.TryParse(System.IO.Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var segment))
            {
                segments.Add(segment);
            }
        }
        segments.Sort();
        return segments;
    }

    /// <summary>Walks the frames of a segment from the start and returns the length of its valid prefix and the
    /// number of records in it. Reading stops at the first incomplete or CRC-bad frame.</summary>
    public static (long ValidLength, long Records) Scan(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        var header = new byte[RecordFrame.HeaderSize];
        var frame = Array.Empty<byte>();
        long offset = 0;
        long records = 0;
        while (offset + RecordFrame.HeaderSize <= length)
        {
            ReadExactly(handle, header, offset);
            var payload = RecordFrame.PayloadLength(header);
            if (payload == 0 || offset + RecordFrame.SizeOf(payload) > length)
            {
                break;
            }
            if (frame.Length < RecordFrame.SizeOf(payload))
            {
                frame = new byte[RecordFrame.SizeOf(payload)];
            }
            var span = frame.AsSpan(0, RecordFrame.SizeOf(payload));
            ReadExactly(handle, span, offset);
            if (!RecordFrame.IsValid(span))
            {
                break;
            }
            offset += span.Length;
            records++;
        }
        return (offset, records);
    }

    public static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long fileOffset)
    {
        var read = 0;
        while (read < destination.Length)
        {
            var n = RandomAccess.Read(handle, destination[read..], fileOffset + read);
            if (n == 0)
            {
                throw new EndOfStreamException($"Unexpected end of buffer segment at offset {fileOffset + read}.");
            }
            read += n;
        }
    }
}
