using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using CleanroomMonitor.Modbus.Native;

namespace CleanroomMonitor.Modbus.Server;

/// <summary>A Modbus TCP server over libmodbus that serves several units by unit id, as a gateway in front of an
/// RS-485 line does (libmodbus's TCP backend answers every unit id itself, so routing is ours; an absent unit gets
/// exception 0x0B "gateway target failed to respond"). One thread accepts; each client gets its own thread and its
/// own libmodbus context (contexts are not thread-safe, docs/instruments.md §5).</summary>
public sealed unsafe class ModbusTcpServer : IDisposable
{
    private readonly Dictionary<int, ModbusUnit> _units;
    private readonly RequestHandler _handler;
    private readonly ConcurrentDictionary<int, Thread> _clients = new();
    private readonly string _host;
    private ModbusContextHandle? _listener;
    private int _listenFd = -1;
    private Thread? _acceptThread;
    private volatile bool _stopping;

    /// <param name="units">The devices served, by unit id.</param>
    /// <param name="port">The TCP port; 0 lets the OS choose (read <see cref="Port"/> after <see cref="Start"/>).</param>
    /// <param name="host">The IPv4 address to listen on: loopback unless a real network is intended.</param>
    public ModbusTcpServer(IEnumerable<ModbusUnit> units, int port = 0, string host = "127.0.0.1")
    {
        ArgumentNullException.ThrowIfNull(units);
        _units = units.ToDictionary(u => u.UnitId);
        _handler = new RequestHandler(_units, isRtu: false);
        _host = host;
        Port = port;
    }

    public int Port { get; private set; }

    public int ConnectedClients => _clients.Count;

    public IReadOnlyCollection<ModbusUnit> Units => _units.Values;

    /// <summary>Binds and starts accepting clients.</summary>
    /// <exception cref="ModbusException">The port cannot be bound (errno 98: address in use).</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        _listener = LibModbus.modbus_new_tcp(_host, Port);
        if (_listener.IsInvalid)
        {
            throw new ModbusException(Marshal.GetLastPInvokeError(), $"modbus_new_tcp({_host}, {Port})");
        }
        _listenFd = LibModbus.modbus_tcp_listen(_listener, 64);
        if (_listenFd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _listener.Dispose();
            throw new ModbusException(errno, $"modbus_tcp_listen({_host}:{Port})");
        }
        if (Port == 0)
        {
            Port = BoundPort(_listenFd);
        }
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = $"modbus server :{Port}" };
        _acceptThread.Start();
    }

    /// <summary>Closes every client connection (as a device that resets), keeping the listener.</summary>
    public void DisconnectClients()
    {
        foreach (var fd in _clients.Keys)
        {
            LibModbus.Shutdown(fd, LibModbus.ShutdownReadWrite);
        }
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        if (_listenFd >= 0)
        {
            // shutdown wakes the blocked accept (EINVAL); close only after the thread has left it.
            LibModbus.Shutdown(_listenFd, LibModbus.ShutdownReadWrite);
            _acceptThread?.Join();
            LibModbus.Close(_listenFd);
            _listenFd = -1;
        }
        foreach (var (fd, thread) in _clients)
        {
            LibModbus.Shutdown(fd, LibModbus.ShutdownReadWrite);
            thread.Join();
        }
        _listener?.Dispose();   // its socket was set to -1 after each accept: this frees the context only
    }

    private static int BoundPort(int fd)
    {
        var address = stackalloc byte[16];
        uint length = 16;
        return LibModbus.GetSockName(fd, address, ref length) == 0 ? address[2] << 8 | address[3] : 0;
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            var fd = LibModbus.modbus_tcp_accept(_listener!, ref _listenFd);
            if (fd < 0)
            {
                if (_stopping || Marshal.GetLastPInvokeError() is 9 or 22)   // EBADF, EINVAL: the listener is shut down
                {
                    return;
                }
                continue;
            }
            // modbus_tcp_accept also stores the client socket in the listening context; forget it there, so
            // disposing the listener never closes a client's socket.
            LibModbus.modbus_set_socket(_listener!, -1);
            var thread = new Thread(() => Serve(fd)) { IsBackground = true, Name = $"modbus server :{Port} client {fd}" };
            _clients[fd] = thread;
            thread.Start();
        }
    }

    private void Serve(int fd)
    {
        using var context = LibModbus.modbus_new_tcp(_host, Port);
        try
        {
            LibModbus.modbus_set_socket(context, fd);
            var request = stackalloc byte[LibModbus.TcpMaxAduLength];
            while (!_stopping)
            {
                var length = LibModbus.modbus_receive(context, request);
                if (length < 0)
                {
                    return;   // the client left (ECONNRESET) or we shut the socket down
                }
                if (length > 0 && !_handler.Handle(context, fd, request, length))
                {
                    return;
                }
            }
        }
        finally
        {
            _clients.TryRemove(fd, out _);
            // Disposing the context closes fd.
        }
    }
}
