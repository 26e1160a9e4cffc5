using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Tests.Profiles;

public sealed class RegisterCodecTests
{
    public static TheoryData<PointType, ByteOrder, double, ushort[]> Cases => new()
    {
        // Vaisala decodes 21.5 from [0x0000, 0x41AC] (docs/instruments.md §5, CDAB).
        { PointType.Float32, ByteOrder.Abcd, 21.5, [0x41AC, 0x0000] },
        { PointType.Float32, ByteOrder.Cdab, 21.5, [0x0000, 0x41AC] },
        { PointType.Float32, ByteOrder.Badc, 21.5, [0xAC41, 0x0000] },
        { PointType.Float32, ByteOrder.Dcba, 21.5, [0x0000, 0xAC41] },
        { PointType.Float32, ByteOrder.Abcd, 123456, [0x47F1, 0x2000] },
        { PointType.Float32, ByteOrder.Cdab, -0.5, [0x0000, 0xBF00] },
        { PointType.Int32, ByteOrder.Abcd, -2, [0xFFFF, 0xFFFE] },
        { PointType.Int32, ByteOrder.Cdab, -2, [0xFFFE, 0xFFFF] },
        { PointType.Int32, ByteOrder.Abcd, 1_700_000_000, [0x6553, 0xF100] },
        { PointType.UInt32, ByteOrder.Abcd, 70_000, [0x0001, 0x1170] },
        { PointType.UInt32, ByteOrder.Cdab, 70_000, [0x1170, 0x0001] },
        { PointType.UInt32, ByteOrder.Badc, 0x01020304, [0x0201, 0x0403] },
        { PointType.UInt32, ByteOrder.Dcba, 0x01020304, [0x0403, 0x0201] },
        { PointType.UInt32, ByteOrder.Abcd, uint.MaxValue, [0xFFFF, 0xFFFF] },
        { PointType.Int16, ByteOrder.Abcd, -1, [0xFFFF] },
        { PointType.Int16, ByteOrder.Abcd, -32768, [0x8000] },
        { PointType.Int16, ByteOrder.Badc, 0x1234, [0x3412] },
        { PointType.UInt16, ByteOrder.Abcd, 65535, [0xFFFF] },
        { PointType.UInt16, ByteOrder.Badc, 1, [0x0100] },
    };

    [Theory, MemberData(nameof(Cases))]
    public void DecodeRaw_KnownRegisters_GiveValue(PointType type, ByteOrder order, double value, ushort[] registers) =>
        Assert.Equal(value, RegisterCodec.DecodeRaw(registers, type, order));

    [Theory, MemberData(nameof(Cases))]
    public void EncodeRaw_KnownValue_GivesRegisters(PointType type, ByteOrder order, double value, ushort[] registers)
    {
        var encoded = new ushort[registers.Length];

        RegisterCodec.EncodeRaw(value, type, order, encoded);

        Assert.Equal(registers, encoded);
    }

    [Theory]
    [InlineData(PointType.Int16, ByteOrder.Abcd), InlineData(PointType.Int16, ByteOrder.Badc), InlineData(PointType.UInt16, ByteOrder.Abcd)]
    [InlineData(PointType.Int32, ByteOrder.Abcd), InlineData(PointType.Int32, ByteOrder.Cdab), InlineData(PointType.Int32, ByteOrder.Badc), InlineData(PointType.Int32, ByteOrder.Dcba)]
    [InlineData(PointType.UInt32, ByteOrder.Abcd), InlineData(PointType.UInt32, ByteOrder.Cdab), InlineData(PointType.UInt32, ByteOrder.Dcba)]
    [InlineData(PointType.Float32, ByteOrder.Abcd), InlineData(PointType.Float32, ByteOrder.Cdab), InlineData(PointType.Float32, ByteOrder.Badc), InlineData(PointType.Float32, ByteOrder.Dcba)]
    public void EncodeThenDecode_RandomValues_RoundTrip(PointType type, ByteOrder order)
    {
        var random = new Random(42);
        var (min, max) = RegisterCodec.RawRange(type);
        var registers = new ushort[RegisterCodec.Width(type)];
        for (var i = 0; i < 1000; i++)
        {
            var value = type == PointType.Float32 ? (float)(random.NextDouble() * 2e6 - 1e6) : Math.Round(min + random.NextDouble() * (max - min));

            RegisterCodec.EncodeRaw(value, type, order, registers);

            Assert.Equal(value, RegisterCodec.DecodeRaw(registers, type, order));
        }
    }

    [Theory]
    [InlineData(PointType.Int16, 32768), InlineData(PointType.UInt16, -1), InlineData(PointType.UInt32, 4_294_967_296), InlineData(PointType.Int32, -2_147_483_649)]
    public void EncodeRaw_ValueOutsideType_Throws(PointType type, double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RegisterCodec.EncodeRaw(value, type, ByteOrder.Abcd, new ushort[2]));

    [Theory]
    [InlineData(0.1, 0, 215, 21.5), InlineData(0.01, 0, -125, -1.25), InlineData(1, -40, 60, 20), InlineData(0.5, 10, 7, 13.5)]
    public void Decode_ScaleAndOffset_AppliedAsRawTimesScalePlusOffset(double scale, double offset, short raw, double expected)
    {
        var point = Point(PointType.Int16, scale, offset);

        Assert.Equal(expected, RegisterCodec.Decode(point, [unchecked((ushort)raw)]), 9);
    }

    [Theory]
    [InlineData(0.1, 0, 21.5), InlineData(0.01, 0, -1.25), InlineData(1, -40, 20), InlineData(0.5, 10, 13.5)]
    public void Encode_ScaleAndOffset_IsInverseOfDecode(double scale, double offset, double value)
    {
        var point = Point(PointType.Int16, scale, offset);
        var registers = new ushort[1];

        RegisterCodec.Encode(point, value, registers);

        Assert.Equal(value, RegisterCodec.Decode(point, registers), 9);
    }

    [Theory]
    [InlineData(PointType.Int16, -32768, 32767), InlineData(PointType.UInt16, 0, 65535)]
    [InlineData(PointType.Int32, -2147483648, 2147483647), InlineData(PointType.UInt32, 0, 4294967295)]
    public void RawRange_IntegerTypes_AreExact(PointType type, double min, double max) =>
        Assert.Equal((min, max), RegisterCodec.RawRange(type));

    [Theory]
    [InlineData(PointType.UInt16, 65535, true), InlineData(PointType.UInt16, 0, false), InlineData(PointType.UInt16, 65534, false)]
    [InlineData(PointType.Int16, -32768, true), InlineData(PointType.Int16, 32767, true), InlineData(PointType.Int16, -1, false)]
    [InlineData(PointType.Int32, -2147483648, true), InlineData(PointType.Int32, 2147483647, true), InlineData(PointType.Int32, 2147483646, false)]
    [InlineData(PointType.UInt32, 4294967295, true), InlineData(PointType.UInt32, 4294967294, false)]
    [InlineData(PointType.Float32, double.PositiveInfinity, true), InlineData(PointType.Float32, double.NegativeInfinity, true)]
    [InlineData(PointType.Float32, -3.4028234663852886E+38, true), InlineData(PointType.Float32, 1e30, false)]
    public void IsSaturation_TypeExtremes_AreDeviceFaults(PointType type, double raw, bool expected) =>
        Assert.Equal(expected, ProfilePoint.IsSaturation(type, raw));

    [Fact]
    public void DecodeRaw_TooFewRegisters_Throws() =>
        Assert.Throws<ArgumentException>(() => RegisterCodec.DecodeRaw([1], PointType.Float32, ByteOrder.Abcd));

    [Fact]
    public void DecodeRaw_FloatNaNRegisters_GiveNaN() =>
        Assert.True(double.IsNaN(RegisterCodec.DecodeRaw([0x0000, 0x7FC0], PointType.Float32, ByteOrder.Cdab)));

    private static ProfilePoint Point(PointType type, double scale, double offset) =>
        new("p", RegisterTable.Input, 0, type, ByteOrder.Abcd, scale, offset, null, PointAccess.Read, Parameter.Temperature,
            new Dictionary<string, int>(), new Dictionary<int, Core.Readings.SampleFaults>(), null, [], []);
}
