using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>One named value in a device's register map: where it is (table, PDU address), how it is encoded (type,
/// byte order), how the raw number becomes the value (<c>raw × Scale + Offset</c>), and what it means (the facility
/// parameter it feeds, status bits and the sample faults they signal, the bit that says whether it is valid), and the
/// raw values that are not measurements: <see cref="InvalidRaw"/> ("no value", the channel is left out) and
/// <see cref="Sentinels"/> (a device fault; the type's saturation values always are one, see <see cref="IsDeviceFault"/>).</summary>
public sealed record ProfilePoint(
    string Id,
    RegisterTable Table,
    int Address,
    PointType Type,
    ByteOrder Order,
    double Scale,
    double Offset,
    string? Unit,
    PointAccess Access,
    Parameter? Parameter,
    IReadOnlyDictionary<string, int> Bits,
    IReadOnlyDictionary<int, SampleFaults> FaultBits,
    BitReference? ValidIf,
    IReadOnlyList<double> InvalidRaw,
    IReadOnlyList<double> Sentinels)
{
    /// <summary>Registers the point occupies.</summary>
    public int Width => RegisterCodec.Width(Type);

    /// <summary>Whether <paramref name="raw"/> is a device fault value rather than a measurement: the saturation of the
    /// point's type (a counter or converter pinned at its limit says nothing about the air: a 0xFFFFFFFF count would be
    /// 4.5e12 particles/m³, issue 15 item 4), or one of the profile's <see cref="Sentinels"/>.</summary>
    public bool IsDeviceFault(double raw) => IsSaturation(Type, raw) || Sentinels.Contains(raw);

    /// <summary>The extreme values of <paramref name="type"/>: uint16 0xFFFF, uint32 0xFFFFFFFF, int16 and int32 minimum
    /// and maximum, float32 ±infinity and ±<see cref="float.MaxValue"/>. Unsigned zero is a real count, not one of them.</summary>
    public static bool IsSaturation(PointType type, double raw)
    {
        if (type == PointType.Float32)
        {
            return double.IsInfinity(raw) || Math.Abs(raw) == float.MaxValue;
        }
        var (min, max) = RegisterCodec.RawRange(type);
        return raw == max || (min < 0 && raw == min);
    }

    public bool Covers(RegisterTable table, int address) => table == Table && address >= Address && address < Address + Width;
}
