using CleanroomMonitor.Modbus.Native;

namespace CleanroomMonitor.Modbus;

/// <summary>A failed libmodbus call: the errno it set, what it means (<see cref="Kind"/>), and the call that failed.
/// The poller catches this at the device boundary: one device's failure never stops the others.</summary>
public sealed class ModbusException : Exception
{
    // errno values (Linux) and libmodbus's own codes above MODBUS_ENOBASE (modbus.h).
    private const int EConnReset = 104;
    private const int ETimedOut = 110;
    private const int EConnRefused = 111;
    private const int EPipe = 32;
    private const int EBadF = 9;
    private const int ENotConn = 107;
    private const int EBadCrc = LibModbus.ErrnoBase + 12;     // EMBBADCRC
    private const int EBadData = LibModbus.ErrnoBase + 13;    // EMBBADDATA
    private const int EBadExc = LibModbus.ErrnoBase + 14;     // EMBBADEXC
    private const int EMData = LibModbus.ErrnoBase + 16;      // EMBMDATA
    private const int EBadSlave = LibModbus.ErrnoBase + 17;   // EMBBADSLAVE

    public ModbusException(int errno, string operation)
        : base($"{operation} failed: {LibModbus.ErrorText(errno)} (errno {errno})")
    {
        Errno = errno;
        Operation = operation;
        Kind = Classify(errno);
    }

    public ModbusException()
        : this("Modbus call failed.")
    {
    }

    public ModbusException(string message)
        : base(message)
    {
        Operation = string.Empty;
        Kind = ModbusErrorKind.InvalidResponse;
    }

    public ModbusException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
        Kind = ModbusErrorKind.InvalidResponse;
    }

    public int Errno { get; }

    public string Operation { get; }

    public ModbusErrorKind Kind { get; }

    /// <summary>The Modbus exception code (1 illegal function, 2 illegal address, …, 11 gateway target) when
    /// <see cref="Kind"/> is <see cref="ModbusErrorKind.ExceptionResponse"/>.</summary>
    public int? ExceptionCode => Kind == ModbusErrorKind.ExceptionResponse ? Errno - LibModbus.ErrnoBase : null;

    public static ModbusErrorKind Classify(int errno) => errno switch
    {
        ETimedOut => ModbusErrorKind.Timeout,
        EConnRefused => ModbusErrorKind.ConnectionRefused,
        EConnReset or EPipe or EBadF or ENotConn => ModbusErrorKind.ConnectionClosed,
        > LibModbus.ErrnoBase and <= LibModbus.ErrnoBase + 11 => ModbusErrorKind.ExceptionResponse,
        EBadCrc => ModbusErrorKind.BadCrc,
        EBadSlave => ModbusErrorKind.WrongUnitId,
        EBadData or EBadExc or EMData => ModbusErrorKind.InvalidResponse,
        _ => ModbusErrorKind.Other,
    };
}
