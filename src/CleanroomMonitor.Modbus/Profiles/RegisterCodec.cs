using System.Buffers.Binary;

namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>Converts between registers and numbers for every <see cref="PointType"/> and <see cref="ByteOrder"/>, in
/// C# rather than with libmodbus's float helpers (their Debian build disagrees between get and set, docs/instruments.md §5).
/// Method (docs/instruments.md §2): write each register big-endian into a byte buffer in wire order, permute the bytes by the
/// order letters, read the value big-endian. Encoding is the exact inverse, so the simulator and the poller agree.</summary>
public static class RegisterCodec
{
    public static int Width(PointType type) => type is PointType.Int16 or PointType.UInt16 ? 1 : 2;

    /// <summary>The raw number the registers hold (before scale and offset).</summary>
    public static double DecodeRaw(ReadOnlySpan<ushort> registers, PointType type, ByteOrder order)
    {
        var width = Width(type);
        if (registers.Length < width)
        {
            throw new ArgumentException($"{type} needs {width} registers, got {registers.Length}.", nameof(registers));
        }
        Span<byte> wire = stackalloc byte[4];
        for (var i = 0; i < width; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(wire[(2 * i)..], registers[i]);
        }
        Span<byte> value = stackalloc byte[4];
        Permute(wire[..(2 * width)], value[..(2 * width)], order, toValue: true);
        return type switch
        {
            PointType.Int16 => (double)BinaryPrimitives.ReadInt16BigEndian(value),
            PointType.UInt16 => (double)BinaryPrimitives.ReadUInt16BigEndian(value),
            PointType.Int32 => (double)BinaryPrimitives.ReadInt32BigEndian(value),
            PointType.UInt32 => (double)BinaryPrimitives.ReadUInt32BigEndian(value),
            PointType.Float32 => (double)BinaryPrimitives.ReadSingleBigEndian(value),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    /// <summary>Writes <paramref name="raw"/> into registers. Integers are rounded to the nearest whole number.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the type.</exception>
    public static void EncodeRaw(double raw, PointType type, ByteOrder order, Span<ushort> registers)
    {
        var width = Width(type);
        if (registers.Length < width)
        {
            throw new ArgumentException($"{type} needs {width} registers, got {registers.Length}.", nameof(registers));
        }
        Span<byte> value = stackalloc byte[4];
        var whole = Math.Round(raw, MidpointRounding.AwayFromZero);
        switch (type)
        {
            case PointType.Int16:
                BinaryPrimitives.WriteInt16BigEndian(value, checked((short)InRange(whole, short.MinValue, short.MaxValue, type)));
                break;
            case PointType.UInt16:
                BinaryPrimitives.WriteUInt16BigEndian(value, checked((ushort)InRange(whole, ushort.MinValue, ushort.MaxValue, type)));
                break;
            case PointType.Int32:
                BinaryPrimitives.WriteInt32BigEndian(value, checked((int)InRange(whole, int.MinValue, int.MaxValue, type)));
                break;
            case PointType.UInt32:
                BinaryPrimitives.WriteUInt32BigEndian(value, checked((uint)InRange(whole, uint.MinValue, uint.MaxValue, type)));
                break;
            case PointType.Float32:
                BinaryPrimitives.WriteSingleBigEndian(value, (float)raw);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
        Span<byte> wire = stackalloc byte[4];
        Permute(value[..(2 * width)], wire[..(2 * width)], order, toValue: false);
        for (var i = 0; i < width; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(wire[(2 * i)..]);
        }
    }

    /// <summary>The point's value: <c>raw × scale + offset</c>.</summary>
    public static double Decode(ProfilePoint point, ReadOnlySpan<ushort> registers) =>
        DecodeRaw(registers, point.Type, point.Order) * point.Scale + point.Offset;

    /// <summary>The inverse of <see cref="Decode"/>: <c>raw = (value − offset) / scale</c>.</summary>
    public static void Encode(ProfilePoint point, double value, Span<ushort> registers) =>
        EncodeRaw((value - point.Offset) / point.Scale, point.Type, point.Order, registers);

    /// <summary>The smallest and largest raw number the type holds (floats: ±float.MaxValue).</summary>
    // Each arm is typed double on purpose: untyped, the arms' best common type is (float, float), which rounds
    // uint.MaxValue to 4294967296 and int.MaxValue to 2147483648 (saturation would then never match).
    public static (double Min, double Max) RawRange(PointType type) => type switch
    {
        PointType.Int16 => ((double)short.MinValue, (double)short.MaxValue),
        PointType.UInt16 => ((double)ushort.MinValue, (double)ushort.MaxValue),
        PointType.Int32 => ((double)int.MinValue, (double)int.MaxValue),
        PointType.UInt32 => ((double)uint.MinValue, (double)uint.MaxValue),
        _ => ((double)float.MinValue, (double)float.MaxValue),
    };

    private static double InRange(double whole, double min, double max, PointType type) =>
        whole >= min && whole <= max ? whole : throw new ArgumentOutOfRangeException(nameof(whole), whole, $"Does not fit {type}.");

    private static void Permute(ReadOnlySpan<byte> source, Span<byte> destination, ByteOrder order, bool toValue)
    {
        // Letter i of the order names which byte of the value (A = most significant) is at wire position i.
        ReadOnlySpan<int> letters = (order, source.Length) switch
        {
            (ByteOrder.Abcd, 2) => [0, 1],
            (ByteOrder.Badc, 2) => [1, 0],
            (_, 2) => throw new ArgumentOutOfRangeException(nameof(order), order, "16-bit values use AB or BA."),
            (ByteOrder.Abcd, _) => [0, 1, 2, 3],
            (ByteOrder.Cdab, _) => [2, 3, 0, 1],
            (ByteOrder.Badc, _) => [1, 0, 3, 2],
            (ByteOrder.Dcba, _) => [3, 2, 1, 0],
            _ => throw new ArgumentOutOfRangeException(nameof(order), order, null),
        };
        for (var wire = 0; wire < source.Length; wire++)
        {
            if (toValue)
            {
                destination[letters[wire]] = source[wire];
            }
            else
            {
                destination[wire] = source[letters[wire]];
            }
        }
    }
}
