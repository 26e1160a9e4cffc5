using System.Text;
using CleanroomMonitor.Storage.Buffer;

namespace CleanroomMonitor.Storage.Tests.Buffer;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xCBF43926u)]   // the standard CRC-32/ISO-HDLC check value
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Compute_KnownInput_MatchesReferenceValue(string input, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(input)));
    }

    [Fact]
    public void Append_InTwoParts_EqualsWhole()
    {
        var data = Encoding.ASCII.GetBytes("123456789");

        var crc = Crc32.Append(Crc32.Compute(data.AsSpan(0, 4)), data.AsSpan(4));

        Assert.Equal(Crc32.Compute(data), crc);
    }
}
