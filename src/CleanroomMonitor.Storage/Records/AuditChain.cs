using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The audit trail's hash chain: each entry's hash is SHA-256 over the previous entry's hash and a canonical
/// serialisation of the entry as stored, so an edited, inserted or removed entry breaks the chain from that point on.
/// </summary>
/// <remarks>Canonical form (version 1), all text UTF-8: the ASCII tag <c>cleanroom-audit-v1</c>, then the previous hash,
/// the sequence (decimal), and the columns at, user, role, action, entity_type, entity_id, old_value, new_value,
/// reason, each written as one byte (0 = null, 1 = present) followed, when present, by a 4-byte big-endian byte length
/// and the bytes. Length prefixes make it unambiguous: no choice of field contents can make two different entries
/// serialise alike. The time is the stored text (<see cref="RecordTime"/>: UTC, seven fractional digits), so what is
/// hashed is exactly what is on disk.</remarks>
internal static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private static readonly byte[] Tag = "cleanroom-audit-v1"u8.ToArray();

    public static string Hash(string previousHash, long sequence, AuditRow row)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        buffer.Write(Tag);
        Field(buffer, previousHash);
        Field(buffer, sequence.ToString(CultureInfo.InvariantCulture));
        Field(buffer, row.At);
        Field(buffer, row.User);
        Field(buffer, row.Role);
        Field(buffer, row.Action);
        Field(buffer, row.EntityType);
        Field(buffer, row.EntityId);
        Field(buffer, row.OldValue);
        Field(buffer, row.NewValue);
        Field(buffer, row.Reason);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void Field(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            buffer.Write([(byte)0]);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        var span = buffer.GetSpan(5 + length);
        span[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        Encoding.UTF8.GetBytes(value, span[5..]);
        buffer.Advance(5 + length);
    }
}
