using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>One named value in a device's register map: where it is (table, PDU address), how it is encoded (type,
/// byte order), how the raw number becomes the value (<c>raw × Scale + Offset</c>), and what it means (the facility
/// parameter it feeds, status bits and the sample faults they signal, the bit that says whether it is valid).</summary>
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
    IReadOnlyList<double> InvalidRaw)
{
    /// <summary>Registers the point occupies.</summary>
    public int Width => RegisterCodec.Width(Type);

    public bool Covers(RegisterTable table, int address) => table == Table && address >= Address && address < Address + Width;
}
