using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CleanroomMonitor.Modbus.Native;
using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Server;

/// <summary>Answers one request for the unit it addresses: through <c>modbus_reply</c> normally, or with the unit's
/// injected fault. Shared by the TCP and RTU servers; called on the thread that owns the context it answers on.</summary>
internal sealed unsafe class RequestHandler(IReadOnlyDictionary<int, ModbusUnit> units, bool isRtu)
{
    private const byte GatewayTargetFailed = 0x0B;

    private int HeaderLength => isRtu ? 1 : 7;

    /// <summary>Handles a request of <paramref name="length"/> bytes (RTU: including the CRC).</summary>
    /// <returns>False when the connection should be closed.</returns>
    public bool Handle(ModbusContextHandle context, int fd, byte* request, int length)
    {
        var header = HeaderLength;
        if (length < header + 1)
        {
            return true;
        }
        int unitId = request[header - 1];
        if (!units.TryGetValue(unitId, out var unit))
        {
            // A TCP gateway answers for an absent device; on an RTU line an absent device is simply silent.
            if (!isRtu)
            {
                LibModbus.modbus_reply_exception(context, request, GatewayTargetFailed);
            }
            return true;
        }
        unit.CountRequest();
        var access = Parse(new ReadOnlySpan<byte>(request + header, length - header - (isRtu ? 2 : 0)));
        switch (unit.Fault)
        {
            case UnitFault.Silent:
                return true;
            case UnitFault.CloseConnection:
                return isRtu;
            case UnitFault.ExceptionResponse:
                LibModbus.modbus_reply_exception(context, request, unit.FaultExceptionCode);
                return true;
            case UnitFault.Garbage:
            case UnitFault.BadCrc when !isRtu:
                Span<byte> garbage = stackalloc byte[11];
                Random.Shared.NextBytes(garbage);
                Send(fd, garbage);
                return true;
            case UnitFault.Truncated:
                var whole = Frame(unit, request, length, unitId);
                Send(fd, whole.AsSpan(0, whole.Length / 2));
                return true;
            case UnitFault.WrongUnitId:
                Send(fd, Frame(unit, request, length, (unitId % 247) + 1));
                return true;
            case UnitFault.BadCrc:
                var frame = Frame(unit, request, length, unitId);
                frame[^1] ^= 0xFF;
                Send(fd, frame);
                return true;
            default:
                lock (unit.Gate)
                {
                    if (unit.IsDisposed)
                    {
                        return false;   // shutting down: the registers are gone, answer nothing
                    }
                    LibModbus.modbus_reply(context, request, length, unit.Mapping);
                    if (access is not null && access.Address + access.Count <= unit.Count(access.Table))
                    {
                        unit.Served?.Invoke(unit, access);
                    }
                }
                return true;
        }
    }

    private static RegisterAccess? Parse(ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length < 5)
        {
            return null;
        }
        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        return pdu[0] switch
        {
            3 => new RegisterAccess(false, RegisterTable.Holding, address, count),
            4 => new RegisterAccess(false, RegisterTable.Input, address, count),
            6 => new RegisterAccess(true, RegisterTable.Holding, address, 1),
            16 => new RegisterAccess(true, RegisterTable.Holding, address, count),
            _ => null,
        };
    }

    /// <summary>A correct answer built by hand (for faults that need a broken version of it), under
    /// <paramref name="answerAs"/> as unit id.</summary>
    private byte[] Frame(ModbusUnit unit, byte* request, int length, int answerAs)
    {
        var header = HeaderLength;
        var pdu = new ReadOnlySpan<byte>(request + header, length - header - (isRtu ? 2 : 0));
        byte[] answer;
        var access = Parse(pdu);
        if (access is { IsWrite: false } read && read.Count <= LibModbus.MaxReadRegisters && read.Address + read.Count <= unit.Count(read.Table))
        {
            var registers = unit.Read(read.Table, read.Address, read.Count);
            answer = new byte[2 + 2 * registers.Length];
            answer[0] = pdu[0];
            answer[1] = (byte)(2 * registers.Length);
            for (var i = 0; i < registers.Length; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(2 + 2 * i), registers[i]);
            }
        }
        else
        {
            answer = pdu.Length >= 5 ? pdu[..5].ToArray() : [(byte)(pdu[0] | 0x80), 1];
        }
        if (isRtu)
        {
            var frame = new byte[1 + answer.Length + 2];
            frame[0] = (byte)answerAs;
            answer.CopyTo(frame, 1);
            var crc = Crc16.Compute(frame.AsSpan(0, frame.Length - 2));
            frame[^2] = (byte)crc;
            frame[^1] = (byte)(crc >> 8);
            return frame;
        }
        var tcp = new byte[7 + answer.Length];
        tcp[0] = request[0];
        tcp[1] = request[1];
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(4), (ushort)(answer.Length + 1));
        tcp[6] = (byte)answerAs;
        answer.CopyTo(tcp, 7);
        return tcp;
    }

    private static void Send(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            if (LibModbus.Write(fd, p, (nuint)bytes.Length) < 0)
            {
                // The client is gone; its receive loop notices and ends.
                _ = Marshal.GetLastPInvokeError();
            }
        }
    }
}
