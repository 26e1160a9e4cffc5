using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using CleanroomMonitor.Modbus.Native;
using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>The client side of one connection (TCP endpoint or serial line) over one libmodbus context. Used by one
/// thread only. Every failure is a <see cref="ModbusException"/>; after one the connection is flushed (serial) or
/// closed (TCP) so a late or broken answer cannot be taken for the next request's.</summary>
/// <remarks>Over TCP the requests are sent raw (<c>modbus_send_raw_request</c>, transaction id 0) and the answer is
/// checked here, because libmodbus 3.1.6's TCP backend does not check the unit id of an answer: a gateway that
/// answers for the wrong device would otherwise be believed. Over RTU libmodbus checks slave address and CRC itself.</remarks>
internal sealed unsafe class ModbusClientConnection(ConnectionPlan plan) : IDisposable
{
    private const int ENotConn = 107;
    private const int EBadData = LibModbus.ErrnoBase + 13;    // EMBBADDATA
    private const int EBadSlave = LibModbus.ErrnoBase + 17;   // EMBBADSLAVE

    private ModbusContextHandle? _context;
    private int _unitId = -1;
    private TimeSpan _timeout;

    public bool IsConnected => _context is not null;

    /// <exception cref="ModbusException">Refused, unreachable, or the serial device cannot be opened.</exception>
    public void Connect()
    {
        Close();
        var context = plan.Serial is { } line
            ? LibModbus.modbus_new_rtu(line.Device, line.Baud, (byte)line.Parity, line.DataBits, line.StopBits)
            : LibModbus.modbus_new_tcp_pi(plan.Host!, plan.Port.ToString(CultureInfo.InvariantCulture));
        if (context.IsInvalid)
        {
            throw new ModbusException(Marshal.GetLastPInvokeError(), $"create context for {plan}");
        }
        if (LibModbus.modbus_connect(context) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            context.Dispose();
            throw new ModbusException(errno, $"connect to {plan}");
        }
        _context = context;
        _unitId = -1;
        _timeout = TimeSpan.Zero;
    }

    public void Close()
    {
        _context?.Dispose();
        _context = null;
    }

    /// <summary>Addresses the next requests to <paramref name="unitId"/> with <paramref name="responseTimeout"/>.</summary>
    public void Select(int unitId, TimeSpan responseTimeout)
    {
        var context = Context;
        if (unitId != _unitId)
        {
            Check(LibModbus.modbus_set_slave(context, unitId), "modbus_set_slave");
            _unitId = unitId;
        }
        if (responseTimeout != _timeout)
        {
            var micros = (long)responseTimeout.TotalMicroseconds;
            var (seconds, rest) = ((uint)(micros / 1_000_000), (uint)(micros % 1_000_000));
            Check(LibModbus.modbus_set_response_timeout(context, seconds, rest), "modbus_set_response_timeout");
            // The byte timeout (default 0.5 s) applies between the bytes of an answer: a truncated frame would
            // otherwise hold the connection, and every other device on it, for half a second.
            Check(LibModbus.modbus_set_byte_timeout(context, seconds, rest), "modbus_set_byte_timeout");
            _timeout = responseTimeout;
        }
    }

    public void Read(RegisterTable table, int address, Span<ushort> destination)
    {
        var function = (byte)(table == RegisterTable.Holding ? 3 : 4);
        var operation = $"{(table == RegisterTable.Holding ? "read holding registers (FC03)" : "read input registers (FC04)")} unit {_unitId} address {address} count {destination.Length}";
        if (plan.IsTcp)
        {
            Span<byte> request = [(byte)_unitId, function, (byte)(address >> 8), (byte)address, (byte)(destination.Length >> 8), (byte)destination.Length];
            var response = stackalloc byte[LibModbus.TcpMaxAduLength];
            var length = Transact(request, response, operation);
            if (response[8] != 2 * destination.Length || length != 9 + 2 * destination.Length)
            {
                Fail(EBadData, operation + $": {response[8]} data bytes in a {length}-byte answer");
            }
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = (ushort)(response[9 + 2 * i] << 8 | response[10 + 2 * i]);
            }
            return;
        }
        int rc;
        fixed (ushort* p = destination)
        {
            rc = table == RegisterTable.Holding
                ? LibModbus.modbus_read_registers(Context, address, destination.Length, p)
                : LibModbus.modbus_read_input_registers(Context, address, destination.Length, p);
        }
        if (rc < 0)
        {
            Fail(Marshal.GetLastPInvokeError(), operation);
        }
        if (rc != destination.Length)
        {
            Fail(EBadData, operation + $": {rc} registers returned");
        }
    }

    public void Write(int address, ushort value)
    {
        var operation = $"write register (FC06) unit {_unitId} address {address} value {value}";
        if (plan.IsTcp)
        {
            Span<byte> request = [(byte)_unitId, 6, (byte)(address >> 8), (byte)address, (byte)(value >> 8), (byte)value];
            var response = stackalloc byte[LibModbus.TcpMaxAduLength];
            var length = Transact(request, response, operation);
            if (length != 12 || !new ReadOnlySpan<byte>(response + 7, 5).SequenceEqual(request[1..]))
            {
                Fail(EBadData, operation + ": the answer is not the echo of the request");
            }
            return;
        }
        if (LibModbus.modbus_write_register(Context, address, value) < 0)
        {
            Fail(Marshal.GetLastPInvokeError(), operation);
        }
    }

    /// <summary>Reads a whole block of the profile in one request.</summary>
    public ushort[] Read(ReadBlock block)
    {
        var registers = new ushort[block.Count];
        Read(block.Table, block.Address, registers);
        return registers;
    }

    /// <summary>Writes a raw value to a point. A negative value in a 16-bit register is its two's complement
    /// (Lighthouse "write -1 = latest"). 32-bit values are written as two FC06 writes, as Lighthouse maps list no FC16
    /// (docs/instruments.md §1.1).</summary>
    public void Write(ProfilePoint point, long raw)
    {
        Span<ushort> registers = stackalloc ushort[2];
        if (point.Width == 1)
        {
            registers[0] = unchecked((ushort)raw);
        }
        else
        {
            RegisterCodec.EncodeRaw(raw, point.Type, point.Order, registers);
        }
        for (var i = 0; i < point.Width; i++)
        {
            Write(point.Address + i, registers[i]);
        }
    }

    public void Dispose() => Close();

    private ModbusContextHandle Context => _context ?? throw new ModbusException(ENotConn, $"request on {plan.Id}: not connected");

    /// <summary>Sends a raw TCP request (unit id, function, data) and checks the MBAP header of the answer.</summary>
    /// <returns>The length of the answer in <paramref name="response"/> (MBAP header included).</returns>
    private int Transact(ReadOnlySpan<byte> request, byte* response, string operation)
    {
        var context = Context;
        fixed (byte* raw = request)
        {
            if (LibModbus.modbus_send_raw_request(context, raw, request.Length) < 0)
            {
                Fail(Marshal.GetLastPInvokeError(), operation);
            }
        }
        var length = LibModbus.modbus_receive_confirmation(context, response);
        if (length < 0)
        {
            Fail(Marshal.GetLastPInvokeError(), operation);
        }
        // MBAP: transaction id (raw requests use 0), protocol id 0, length of what follows, unit id; then the PDU.
        if (length < 9 || response[0] != 0 || response[1] != 0 || response[2] != 0 || response[3] != 0 || (response[4] << 8 | response[5]) != length - 6)
        {
            Fail(EBadData, operation + $": not an answer to it ({length} bytes, header {Convert.ToHexString(new ReadOnlySpan<byte>(response, Math.Min(length, 8)))})");
        }
        if (response[6] != _unitId)
        {
            Fail(EBadSlave, operation + $": the answer came from unit {response[6]}");
        }
        if (response[7] == (request[1] | 0x80))
        {
            Fail(LibModbus.ErrnoBase + response[8], operation);
        }
        if (response[7] != request[1])
        {
            Fail(EBadData, operation + $": answered with function {response[7]}");
        }
        return length;
    }

    [DoesNotReturn]
    private void Fail(int errno, string operation)
    {
        var exception = new ModbusException(errno, operation);
        if (exception.Kind != ModbusErrorKind.ExceptionResponse && _context is not null)
        {
            if (plan.IsTcp)
            {
                // A TCP stream after a timeout, garbage or a foreign answer may still carry (the rest of) a reply that
                // the next request would take for its own: start a fresh connection instead of trusting the stream.
                Close();
            }
            else
            {
                LibModbus.modbus_flush(_context);   // drop the rest of a late or broken frame from the serial buffer
            }
        }
        throw exception;
    }

    private static void Check(int rc, string operation)
    {
        if (rc < 0)
        {
            throw new ModbusException(Marshal.GetLastPInvokeError(), operation);
        }
    }
}
