using System.IO.Hashing;
using System.Text;
using CleanroomMonitor.Storage.Buffer;

namespace CleanroomMonitor.Storage.Tests.Buffer;

/// <summary>The buffer's frames and cursor carry System.IO.Hashing's CRC-32, which replaced a table of our own: these
/// are the standard's check values the old code was tested against, so frames written before the switch still verify.</summary>
public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xCBF43926u)]   // the standard CRC-32/ISO-HDLC check value
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void HashToUInt32_KnownInput_MatchesReferenceValue(string input, uint expected)
    {
        Assert.Equal(expected, Crc32.HashToUInt32(Encoding.ASCII.GetBytes(input)));
    }

    [Fact]
    public void Append_InTwoParts_EqualsWhole()
    {
        var data = Encoding.ASCII.GetBytes("123456789");
        var crc = new Crc32();

        crc.Append(data.AsSpan(0, 4));
        crc.Append(data.AsSpan(4));

        Assert.Equal(Crc32.HashToUInt32(data), crc.GetCurrentHashAsUInt32());
    }

    /// <summary>A frame as the buffer has always written it (payload "abc" appended at 1,700,000,000,000 ms), its
    /// checksum computed independently of this code (Python's zlib.crc32 over length, timestamp and payload).</summary>
    [Fact]
    public void RecordFrame_WrittenBeforeTheSwitch_StillValidAndWrittenIdentically()
    {
        byte[] golden = [0x03, 0x00, 0x00, 0x00, 0x58, 0x49, 0x91, 0x5C, 0x00, 0x68, 0xE5, 0xCF, 0x8B, 0x01, 0x00, 0x00, 0x61, 0x62, 0x63];
        var written = new byte[RecordFrame.SizeOf(3)];

        RecordFrame.Write(written, "abc"u8, 1_700_000_000_000);

        Assert.True(RecordFrame.IsValid(golden));
        Assert.Equal(golden, written);
        golden[^1] ^= 1;
        Assert.False(RecordFrame.IsValid(golden));
    }
}
