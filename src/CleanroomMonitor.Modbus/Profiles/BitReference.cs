namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>Bit <see cref="Bit"/> (0 = least significant) of point <see cref="Point"/>: a validity mask bit (Lighthouse
/// 30073/30074: inactive channels "return garbage", docs/instruments.md §1.1), the NEW DATA bit, or a RUNNING bit.</summary>
public sealed record BitReference(string Point, int Bit);
