namespace CleanroomMonitor.Modbus;

/// <summary>What went wrong on a Modbus request, as counted per reason (<c>cleanroom.modbus.poll.failures</c>).</summary>
public enum ModbusErrorKind
{
    /// <summary>No (complete) answer within the response timeout: silent device, truncated frame, wrong address on a line.</summary>
    Timeout,

    /// <summary>Nothing listens on the TCP endpoint.</summary>
    ConnectionRefused,

    /// <summary>The peer closed the connection (or it was never open).</summary>
    ConnectionClosed,

    /// <summary>The device answered with a Modbus exception (illegal address, busy, gateway target failed, …).</summary>
    ExceptionResponse,

    /// <summary>An RTU frame whose CRC is wrong.</summary>
    BadCrc,

    /// <summary>An answer from another unit id than the one asked.</summary>
    WrongUnitId,

    /// <summary>An answer that is not a valid reply to the request (garbage, wrong transaction id, wrong length).</summary>
    InvalidResponse,

    /// <summary>Anything else libmodbus reports (serial port errors, out of memory).</summary>
    Other,
}
