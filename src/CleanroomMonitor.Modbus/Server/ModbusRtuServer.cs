using System.Runtime.InteropServices;
using CleanroomMonitor.Modbus.Native;

namespace CleanroomMonitor.Modbus.Server;

/// <summary>A Modbus RTU server on a serial line (or one end of a <c>socat</c> pty pair) serving several units by
/// address, as the devices on one RS-485 line do. Frames are read and checked (length, CRC) here rather than by
/// <c>modbus_receive</c>: the 3.1.6 RTU receive serves one slave id only and, after a request for another id, throws
/// away the next frame as that device's answer (docs/instruments.md §5), which would lose our next request. The answer itself
/// is built and sent by <c>modbus_reply</c>.</summary>
public sealed unsafe class ModbusRtuServer : IDisposable
{
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<int, ModbusUnit> _units;
    private readonly RequestHandler _handler;
    private readonly SerialSettings _line;
    private ModbusContextHandle? _context;
    private Thread? _thread;
    private volatile bool _stopping;
    private long _badFrames;

    public ModbusRtuServer(IEnumerable<ModbusUnit> units, SerialSettings line)
    {
        ArgumentNullException.ThrowIfNull(units);
        _units = units.ToDictionary(u => u.UnitId);
        _handler = new RequestHandler(_units, isRtu: true);
        _line = line;
    }

    public IReadOnlyCollection<ModbusUnit> Units => _units.Values;

    /// <summary>Frames dropped for a bad CRC, an unknown function or a gap in the middle.</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    /// <exception cref="ModbusException">The serial device cannot be opened.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        _context = LibModbus.modbus_new_rtu(_line.Device, _line.Baud, (byte)_line.Parity, _line.DataBits, _line.StopBits);
        if (_context.IsInvalid)
        {
            throw new ModbusException(Marshal.GetLastPInvokeError(), $"modbus_new_rtu({_line})");
        }
        if (LibModbus.modbus_connect(_context) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _context.Dispose();
            throw new ModbusException(errno, $"modbus_connect({_line})");
        }
        _thread = new Thread(Serve) { IsBackground = true, Name = $"modbus rtu server {_line.Device}" };
        _thread.Start();
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        _thread?.Join();
        _context?.Dispose();
    }

    private void Serve()
    {
        var fd = LibModbus.modbus_get_socket(_context!);
        var buffer = new byte[LibModbus.RtuMaxAduLength * 2];
        var filled = 0;
        var pollFd = new PollFd { Fd = fd, Events = LibModbus.PollIn };
        while (!_stopping)
        {
            pollFd.Revents = 0;
            var ready = LibModbus.Poll(&pollFd, 1, (int)PollStep.TotalMilliseconds);
            if (ready <= 0)
            {
                if (filled > 0)
                {
                    // Silence in the middle of a frame (more than 3.5 characters): the frame is broken, drop it.
                    Interlocked.Increment(ref _badFrames);
                    filled = 0;
                }
                continue;
            }
            fixed (byte* start = buffer)
            {
                var read = (int)LibModbus.Read(fd, start + filled, (nuint)(buffer.Length - filled));
                if (read <= 0)
                {
                    continue;
                }
                filled += read;
                filled = HandleFrames(start, filled);
            }
        }
    }

    /// <summary>Answers every complete frame at the start of the buffer; returns the bytes left (a partial frame).</summary>
    private int HandleFrames(byte* buffer, int filled)
    {
        while (filled >= 2)
        {
            var length = FrameLength(buffer, filled);
            if (length < 0)
            {
                Interlocked.Increment(ref _badFrames);
                return 0;   // unknown function: not a request we can frame; resynchronise on the next silence
            }
            if (length == 0 || filled < length)
            {
                return filled;
            }
            var frame = new ReadOnlySpan<byte>(buffer, length);
            if (!Crc16.IsValid(frame))
            {
                Interlocked.Increment(ref _badFrames);
            }
            else if (_units.ContainsKey(frame[0]))
            {
                _handler.Handle(_context!, LibModbus.modbus_get_socket(_context!), buffer, length);
            }
            new Span<byte>(buffer + length, filled - length).CopyTo(new Span<byte>(buffer, filled - length));
            filled -= length;
        }
        return filled;
    }

    /// <summary>The full length of the request starting at <paramref name="buffer"/>: 0 = not known yet, −1 = not a request.</summary>
    private static int FrameLength(byte* buffer, int filled) => buffer[1] switch
    {
        1 or 2 or 3 or 4 or 5 or 6 => 8,
        15 or 16 => filled >= 7 ? 9 + buffer[6] : 0,
        _ => -1,
    };
}
