using System.Buffers.Binary;
using System.IO.Hashing;

namespace CleanroomMonitor.Storage.Buffer;

/// <summary>The consumer's acknowledged position, persisted as <c>segment | offset | sequence | crc32</c>.
/// Written to a temporary file, fsynced, then renamed over the old one, so a crash leaves either the old or the
/// new cursor, never a torn one. A cursor that is older than the truth only means redelivery.</summary>
internal static class CursorFile
{
    public const string FileName = "cursor";
    public const string TemporaryFileName = "cursor.tmp";
    private const int Size = 28;

    /// <summary>The persisted cursor; null when there is none; <paramref name="isCorrupt"/> when one exists but cannot be read.</summary>
    public static BufferPosition? Read(string directory, out bool isCorrupt)
    {
        isCorrupt = false;
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != Size || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24)) != Crc32.HashToUInt32(bytes.AsSpan(0, 24)))
        {
            isCorrupt = true;
            return null;
        }
        return new BufferPosition(
            BinaryPrimitives.ReadInt64LittleEndian(bytes),
            BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)),
            BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16)));
    }

    public static async Task WriteAsync(string directory, BufferPosition position, CancellationToken cancellationToken)
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, position.Segment);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), position.Offset);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), position.Sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), Crc32.HashToUInt32(bytes.AsSpan(0, 24)));
        var temporary = Path.Combine(directory, TemporaryFileName);
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
        {
            await file.WriteAsync(bytes, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path.Combine(directory, FileName), overwrite: true);
        DirectorySync.Flush(directory);
    }
}
