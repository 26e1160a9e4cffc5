namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>Where the bytes of a value sit on the wire. The letters are the bytes of the big-endian value (A most
/// significant) in wire order (docs/instruments.md §2): <see cref="Abcd"/> is Modbus's own big-endian, <see cref="Cdab"/> the
/// "little-endian word order" of Vaisala and older Lighthouse floats, <see cref="Badc"/> swapped bytes in each word,
/// <see cref="Dcba"/> fully reversed. A 16-bit point uses "AB" (= <see cref="Abcd"/>) or "BA" (= <see cref="Badc"/>).</summary>
public enum ByteOrder
{
    Abcd,
    Cdab,
    Badc,
    Dcba,
}
