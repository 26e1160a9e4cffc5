using System.Buffers.Binary;
using System.IO.Hashing;

namespace CleanroomMonitor.Storage.Buffer;

/// <summary>The on-disk frame of one record: <c>length (u32 LE) | crc32 (u32 LE) | appended-at Unix ms (i64 LE) | payload</c>.
/// The CRC covers the length, the timestamp and the payload, so a torn or zero-filled tail (a crash between write
/// and fsync) and a corrupted length field are both detected, not only a damaged payload.</summary>
internal static class RecordFrame
{
    public const int HeaderSize = 16;

    public static int SizeOf(int payloadLength) => HeaderSize + payloadLength;

    public static void Write(Span<byte> destination, ReadOnlySpan<byte> payload, long appendedAtUnixMs)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], appendedAtUnixMs);
        payload.CopyTo(destination[HeaderSize..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Checksum(destination, payload.Length));
    }

    /// <summary>Reads the payload length from a header; 0 means "not a record" (empty records are refused on append).</summary>
    public static int PayloadLength(ReadOnlySpan<byte> header) =>
        (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(header), int.MaxValue);

    public static long AppendedAtUnixMs(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt64LittleEndian(header[8..]);

    /// <summary>True when <paramref name="frame"/> (header and payload) is complete and its CRC matches.</summary>
    public static bool IsValid(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < HeaderSize)
        {
            return false;
        }
        var length = PayloadLength(frame);
        return length > 0
            && frame.Length >= HeaderSize + length
            && BinaryPrimitives.ReadUInt32LittleEndian(frame[4..]) == Checksum(frame, length);
    }

    /// <summary>CRC-32 (IEEE 802.3, the checksum of zip and gzip) of the length and everything after the checksum.</summary>
    private static uint Checksum(ReadOnlySpan<byte> frame, int payloadLength)
    {
        var crc = new Crc32();
        crc.Append(frame[..4]);
        crc.Append(frame.Slice(8, 8 + payloadLength));
        return crc.GetCurrentHashAsUInt32();
    }
}
