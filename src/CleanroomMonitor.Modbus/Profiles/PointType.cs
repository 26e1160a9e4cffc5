using System.Diagnostics.CodeAnalysis;

namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>How the registers of a point encode its raw number. 16-bit types take one register, 32-bit types two.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The names are the profile format's data types (docs/instruments.md §2).")]
public enum PointType
{
    Int16,
    UInt16,
    Int32,
    UInt32,
    Float32,
}
